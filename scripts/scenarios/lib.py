import hashlib, json, os, shutil
from datetime import datetime, timedelta, timezone
import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'scenarios')
NOW = datetime(2026, 11, 23, 12, 0, 0, tzinfo=timezone.utc)
API = 'kargo.akuity.io/v1alpha1'


class _D(yaml.SafeDumper):
    pass


def _str(dumper, data):
    return dumper.represent_scalar('tag:yaml.org,2002:str', data)


_D.add_representer(str, _str)


def ago(h=0, m=0, s=0):
    return (NOW - timedelta(hours=h, minutes=m, seconds=s)).strftime('%Y-%m-%dT%H:%M:%SZ')


def dump_all(docs):
    return yaml.dump_all(docs, Dumper=_D, sort_keys=False, default_flow_style=False)


class F:
    """One Freight: image ghcr.io/acme/<wh>:<tag>."""

    def __init__(self, project, wh, tag, discovered=None, created=None, currently=None,
                 verified=None, approved=None, rejected=None, commit=False):
        self.project, self.wh, self.tag = project, wh, tag
        self.discovered, self.created = discovered, created
        self.currently = currently or {}      # stage -> since
        self.verified = verified or {}        # stage -> (verifiedAt, longestSoak|None)
        self.approved = approved or {}        # stage -> approvedAt
        self.rejected = rejected or {}        # stage|'*' -> (at, actor, reason)
        self.commit = commit
        if commit:
            self.repo = f'https://github.com/acme/{wh}'
            self.part = f'{self.repo}:{tag}'
        else:
            self.repo = f'ghcr.io/acme/{wh}'
            self.digest = 'sha256:' + hashlib.sha256(f'{wh}:{tag}'.encode()).hexdigest()
            self.part = f'{self.repo}:{tag}@{self.digest}'
        self.name = hashlib.sha1(f'Warehouse/{wh}:{self.part}'.encode()).hexdigest()

    def doc(self):
        meta = {'name': self.name, 'namespace': self.project}
        if self.created:
            meta['creationTimestamp'] = self.created
        d = {'apiVersion': API, 'kind': 'Freight', 'metadata': meta,
             'origin': {'kind': 'Warehouse', 'name': self.wh}}
        if self.commit:
            d['commits'] = [{'repoURL': self.repo, 'id': self.tag}]
        else:
            d['images'] = [{'repoURL': self.repo, 'tag': self.tag, 'digest': self.digest}]
        if self.discovered:
            d['discoveredAt'] = self.discovered
        st = {}
        if self.currently:
            st['currentlyIn'] = {k: {'since': v} for k, v in self.currently.items()}
        if self.verified:
            vi = {}
            for k, v in self.verified.items():
                at, soak = v
                vi[k] = {'verifiedAt': at}
                if soak:
                    vi[k]['longestSoak'] = soak
            st['verifiedIn'] = vi
        if self.approved:
            st['approvedFor'] = {k: {'approvedAt': v} for k, v in self.approved.items()}
        if self.rejected:
            st['rejectedFor'] = {k: {'rejectedAt': v[0], 'actor': v[1], 'reason': v[2]}
                                 for k, v in self.rejected.items()}
        if st:
            d['status'] = st
        return d


def collection_id(freights):
    return hashlib.sha1(','.join(sorted(f.name for f in freights)).encode()).hexdigest()


def history_entry(freights, verification=None):
    """freights: list of F; verification: list of (phase, startTime)."""
    e = {'id': collection_id(freights),
         'items': {f'Warehouse/{f.wh}': {'name': f.name, 'origin': {'kind': 'Warehouse', 'name': f.wh}}
                   for f in freights}}
    if verification:
        e['verificationHistory'] = [
            {'id': hashlib.sha1(f'{e["id"]}{i}{p}'.encode()).hexdigest()[:8] + '-verification',
             'phase': p, 'startTime': t} for i, (p, t) in enumerate(verification)]
    return e


def stage_state(project, name, history=None, holds=None):
    st = {}
    if history:
        st['freightHistory'] = history
    if holds:
        st['autoPromotionHolds'] = holds
    return {'apiVersion': API, 'kind': 'Stage', 'metadata': {'name': name, 'namespace': project}, 'status': st}


def hold(f, actor, at, reason):
    return {f'Warehouse/{f.wh}': {'freightName': f.name, 'origin': {'kind': 'Warehouse', 'name': f.wh},
                                  'actor': actor, 'createdAt': at, 'reason': reason}}


def promotion(project, name, stage, freight, created, running_since=None):
    d = {'apiVersion': API, 'kind': 'Promotion',
         'metadata': {'name': name, 'namespace': project, 'creationTimestamp': created},
         'spec': {'stage': stage, 'freight': freight.name}}
    if running_since:
        d['status'] = {'phase': 'Running', 'startedAt': running_since}
    return d


# ---------- config helpers ----------

def project(name, policies=None, spec_policies=None):
    docs = [{'apiVersion': API, 'kind': 'Project', 'metadata': {'name': name}}]
    if spec_policies is not None:
        docs[0]['spec'] = {'promotionPolicies': spec_policies}
    if policies is not None:
        docs.append({'apiVersion': API, 'kind': 'ProjectConfig',
                     'metadata': {'name': name, 'namespace': name},
                     'spec': {'promotionPolicies': policies}})
    return docs


def auto(*names):
    return [{'stageSelector': {'name': n}, 'autoPromotionEnabled': True} for n in names]


def warehouse(project, name, commit=False):
    sub = ({'git': {'repoURL': f'https://github.com/acme/{name}', 'branch': 'main'}} if commit else
           {'image': {'repoURL': f'ghcr.io/acme/{name}', 'imageSelectionStrategy': 'SemVer'}})
    return {'apiVersion': API, 'kind': 'Warehouse', 'metadata': {'name': name, 'namespace': project},
            'spec': {'subscriptions': [sub]}}


def req(wh, direct=False, stages=None, soak=None, strategy=None, selection=None):
    src = {}
    if direct:
        src['direct'] = True
    if stages:
        src['stages'] = list(stages)
    if soak:
        src['requiredSoakTime'] = soak
    if strategy:
        src['availabilityStrategy'] = strategy
    if selection:
        src['autoPromotionOptions'] = {'selectionPolicy': selection}
    return {'origin': {'kind': 'Warehouse', 'name': wh}, 'sources': src}


def stage(project, name, reqs, labels=None, verify=False, steps=False):
    meta = {'name': name, 'namespace': project}
    if labels:
        meta['labels'] = labels
    spec = {'requestedFreight': reqs}
    if steps:
        spec['promotionTemplate'] = {'spec': {'steps': [{'uses': 'compose-output',
                                                         'as': 'out', 'config': {'stage': name}}]}}
    if verify:
        spec['verification'] = {'analysisTemplates': [{'name': 'healthy'}]}
    return {'apiVersion': API, 'kind': 'Stage', 'metadata': meta, 'spec': spec}


def analysis_template(project):
    return {'apiVersion': 'argoproj.io/v1alpha1', 'kind': 'AnalysisTemplate',
            'metadata': {'name': 'healthy', 'namespace': project},
            'spec': {'metrics': [{'name': 'responds', 'count': 1, 'successCondition': 'result == "ok"',
                                  'provider': {'web': {'url': 'http://localhost:8081/healthz'}}}]}}


def write(name, config_files, freights=(), stages=(), promotions=(), expected=None, now=NOW,
          state_extra=None, comment=None):
    d = os.path.join(ROOT, name)
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(os.path.join(d, 'config'))
    os.makedirs(os.path.join(d, 'state'))
    for fname, docs in config_files.items():
        text = dump_all(docs)
        if comment and fname == next(iter(config_files)):
            text = ''.join(f'# {l}\n' for l in comment.splitlines()) + text
        open(os.path.join(d, 'config', fname), 'w').write(text)
    wrote = False
    for f in freights:
        p = os.path.join(d, 'state', f.project, 'freight')
        os.makedirs(p, exist_ok=True)
        open(os.path.join(p, f.name + '.yaml'), 'w').write(dump_all([f.doc()]))
        wrote = True
    for s in stages:
        p = os.path.join(d, 'state', s['metadata']['namespace'], 'stages')
        os.makedirs(p, exist_ok=True)
        open(os.path.join(p, s['metadata']['name'] + '.yaml'), 'w').write(dump_all([s]))
        wrote = True
    for pr in promotions:
        p = os.path.join(d, 'state', pr['metadata']['namespace'], 'promotions')
        os.makedirs(p, exist_ok=True)
        open(os.path.join(p, pr['metadata']['name'] + '.yaml'), 'w').write(dump_all([pr]))
        wrote = True
    if state_extra:
        for rel, text in state_extra.items():
            p = os.path.join(d, 'state', rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            open(p, 'w').write(text)
            wrote = True
    if not wrote:
        open(os.path.join(d, 'state', '.keep'), 'w').write('')
    open(os.path.join(d, 'now'), 'w').write(now.strftime('%Y-%m-%dT%H:%M:%SZ') + '\n')
    open(os.path.join(d, 'expected.json'), 'w').write(json.dumps({'stages': expected}, indent=2) + '\n')
