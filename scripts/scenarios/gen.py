#!/usr/bin/env python3
"""Writes fixtures/scenarios/ (planner scenarios as data). Freight names are computed here
independently of the Swift code (SHA-1 as Kargo computes it), expected decisions follow
Kargo's rules. Usage: python3 scripts/scenarios/gen.py, then check.py [path/to/freightline]."""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *

P = 'demo'
AUTO_MSG = 'auto-promotion is enabled by a promotion policy'
OFF_MSG = 'auto-promotion is off for this Stage'


def linear(policies, prod_soak='1h', verify=False, spec_policies=None, prod_extra=None):
    """test (direct) -> uat -> prod (soak)."""
    docs = project(P, policies, spec_policies) + [warehouse(P, 'app')]
    stages = [stage(P, 'test', [req('app', direct=True)]),
              stage(P, 'uat', [req('app', stages=['test'])], verify=verify),
              stage(P, 'prod', [req('app', stages=['uat'], soak=prod_soak, **(prod_extra or {}))])]
    cfg = {'project.yaml': docs, 'stages.yaml': stages}
    if verify:
        cfg['analysis.yaml'] = [analysis_template(P)]
    return cfg


def direct_stages(names, policies, labels=None, spec_policies=None):
    labels = labels or {}
    return {'project.yaml': project(P, policies, spec_policies) + [warehouse(P, 'app')],
            'stages.yaml': [stage(P, n, [req('app', direct=True)], labels=labels.get(n)) for n in names]}


def three_direct():
    f1 = F(P, 'app', '1.0.1', discovered=ago(3))
    f2 = F(P, 'app', '1.0.2', discovered=ago(2))
    f3 = F(P, 'app', '1.0.3', discovered=ago(1))
    return f1, f2, f3


def on(stagename, f, since):
    f.currently[stagename] = since


# 1 direct source promotes newest
f1, f2, f3 = three_direct()
on('test', f1, ago(3))
write('direct-promotes-newest', direct_stages(['test'], auto('test')), [f1, f2, f3],
      [stage_state(P, 'test', [history_entry([f1])])],
      expected={'test': {'decision': 'promote', 'freight': f3.name, 'current': f1.name,
                         'reasons': [AUTO_MSG, 'direct from Warehouse/app']}})

# 2 auto-promotion off -> manual
f1, f2, f3 = three_direct()
on('test', f1, ago(3))
write('auto-promotion-off-manual', direct_stages(['test', 'other'], auto('other')), [f1, f2, f3],
      [stage_state(P, 'test', [history_entry([f1])])],
      expected={'test': {'decision': 'manual', 'current': f1.name, 'reasons': [OFF_MSG]},
                'other': {'decision': 'promote', 'freight': f3.name, 'current': None}})

# 3 no ProjectConfig at all, current is newest -> up-to-date (not manual)
f1, f2, f3 = three_direct()
on('test', f3, ago(1))
write('auto-off-already-newest-up-to-date', direct_stages(['test'], None), [f1, f2, f3],
      [stage_state(P, 'test', [history_entry([f3])])],
      expected={'test': {'decision': 'up-to-date', 'freight': None, 'current': f3.name}})

# 4 exact name selector is not a prefix match
f1, f2, f3 = three_direct()
write('policy-exact-name', direct_stages(['prod', 'prod-us', 'pro'], auto('prod')), [f1, f2, f3],
      expected={'prod': {'decision': 'promote', 'freight': f3.name, 'reasons': [AUTO_MSG]},
                'prod-us': {'decision': 'manual', 'reasons': [OFF_MSG]},
                'pro': {'decision': 'manual', 'reasons': [OFF_MSG]}})

# 5 glob selector: whole-name match
f1, f2, f3 = three_direct()
write('policy-glob-selector',
      direct_stages(['prod-us', 'prod-eu', 'prod', 'preprod-us'],
                    [{'stageSelector': {'name': 'glob:prod-*'}, 'autoPromotionEnabled': True}]),
      [f1, f2, f3],
      expected={'prod-us': {'decision': 'promote', 'freight': f3.name, 'reasons': [AUTO_MSG]},
                'prod-eu': {'decision': 'promote', 'freight': f3.name},
                'prod': {'decision': 'manual', 'reasons': [OFF_MSG]},
                'preprod-us': {'decision': 'manual', 'reasons': [OFF_MSG]}})

# 6 regex selectors (unanchored RE2 search, both prefixes)
f1, f2, f3 = three_direct()
write('policy-regex-selector',
      direct_stages(['prod-eu', 'prod-us', 'qa-1', 'qa-x', 'eu-canary'],
                    [{'stageSelector': {'name': 'regex:-eu'}, 'autoPromotionEnabled': True},
                     {'stageSelector': {'name': 'regexp:^qa-[0-9]+$'}, 'autoPromotionEnabled': True}]),
      [f1, f2, f3],
      expected={'prod-eu': {'decision': 'promote', 'freight': f3.name, 'reasons': [AUTO_MSG]},
                'prod-us': {'decision': 'manual', 'reasons': [OFF_MSG]},
                'qa-1': {'decision': 'promote', 'freight': f3.name},
                'qa-x': {'decision': 'manual'},
                'eu-canary': {'decision': 'manual'}})

# 7 label selector matchLabels
f1, f2, f3 = three_direct()
write('policy-label-selector',
      direct_stages(['web-prod', 'web-dev', 'web-plain'],
                    [{'stageSelector': {'matchLabels': {'tier': 'prod'}}, 'autoPromotionEnabled': True}],
                    labels={'web-prod': {'tier': 'prod'}, 'web-dev': {'tier': 'dev'}}),
      [f1, f2, f3],
      expected={'web-prod': {'decision': 'promote', 'freight': f3.name, 'reasons': [AUTO_MSG]},
                'web-dev': {'decision': 'manual', 'reasons': [OFF_MSG]},
                'web-plain': {'decision': 'manual', 'reasons': [OFF_MSG]}})

# 8 name and labels are ANDed
f1, f2, f3 = three_direct()
write('policy-name-and-labels-anded',
      direct_stages(['web-a', 'web-b', 'api-c'],
                    [{'stageSelector': {'name': 'glob:web-*', 'matchLabels': {'auto': 'yes'}},
                      'autoPromotionEnabled': True}],
                    labels={'web-a': {'auto': 'yes'}, 'api-c': {'auto': 'yes'}}),
      [f1, f2, f3],
      expected={'web-a': {'decision': 'promote', 'freight': f3.name},
                'web-b': {'decision': 'manual', 'reasons': [OFF_MSG]},
                'api-c': {'decision': 'manual', 'reasons': [OFF_MSG]}})

# 9 matchExpressions: NotIn matches Stages without the key; Exists
f1, f2, f3 = three_direct()
write('policy-match-expressions',
      direct_stages(['svc-dev', 'svc-nolabel', 'svc-prod', 'svc-canary'],
                    [{'stageSelector': {'matchExpressions': [{'key': 'tier', 'operator': 'NotIn', 'values': ['prod']}]},
                      'autoPromotionEnabled': True}],
                    labels={'svc-dev': {'tier': 'dev'}, 'svc-prod': {'tier': 'prod'},
                            'svc-canary': {'tier': 'prod', 'canary': 'true'}}),
      [f1, f2, f3],
      expected={'svc-dev': {'decision': 'promote', 'freight': f3.name},
                'svc-nolabel': {'decision': 'promote', 'freight': f3.name},
                'svc-prod': {'decision': 'manual', 'reasons': [OFF_MSG]},
                'svc-canary': {'decision': 'manual', 'reasons': [OFF_MSG]}})

# 10 first matching policy wins: an earlier false shadows a later true
f1, f2, f3 = three_direct()
write('policy-first-match-disables',
      direct_stages(['prod-us', 'prod-eu', 'test'],
                    [{'stageSelector': {'name': 'glob:prod-*'}, 'autoPromotionEnabled': False},
                     {'stageSelector': {'name': 'prod-us'}, 'autoPromotionEnabled': True},
                     {'stageSelector': {'name': 'test'}, 'autoPromotionEnabled': True}]),
      [f1, f2, f3],
      expected={'prod-us': {'decision': 'manual', 'reasons': [OFF_MSG]},
                'prod-eu': {'decision': 'manual', 'reasons': [OFF_MSG]},
                'test': {'decision': 'promote', 'freight': f3.name}})

# 11 first matching policy wins: an earlier true beats a later false
f1, f2, f3 = three_direct()
write('policy-first-match-enables',
      direct_stages(['prod-us', 'prod-eu'],
                    [{'stageSelector': {'name': 'prod-us'}, 'autoPromotionEnabled': True},
                     {'stageSelector': {'name': 'glob:prod-*'}, 'autoPromotionEnabled': False},
                     {'stageSelector': {'name': 'prod-eu'}, 'autoPromotionEnabled': True}]),
      [f1, f2, f3],
      expected={'prod-us': {'decision': 'promote', 'freight': f3.name, 'reasons': [AUTO_MSG]},
                'prod-eu': {'decision': 'manual', 'reasons': [OFF_MSG]}})

# 12 deprecated `stage` field in ProjectConfig
f1, f2, f3 = three_direct()
write('policy-deprecated-stage-field',
      direct_stages(['test', 'test-b'], [{'stage': 'test', 'autoPromotionEnabled': True}]),
      [f1, f2, f3],
      expected={'test': {'decision': 'promote', 'freight': f3.name, 'reasons': [AUTO_MSG]},
                'test-b': {'decision': 'manual', 'reasons': [OFF_MSG]}})

# 13 older Project.spec.promotionPolicies
f1, f2, f3 = three_direct()
write('project-spec-promotion-policies',
      direct_stages(['test', 'uat'], None,
                    spec_policies=[{'stage': 'test', 'autoPromotionEnabled': True}]),
      [f1, f2, f3],
      expected={'test': {'decision': 'promote', 'freight': f3.name, 'reasons': [AUTO_MSG]},
                'uat': {'decision': 'manual', 'reasons': [OFF_MSG]}})

# 14 ProjectConfig policies come before Project.spec ones
f1, f2, f3 = three_direct()
write('projectconfig-before-project-spec',
      direct_stages(['test', 'uat'],
                    [{'stageSelector': {'name': 'test'}, 'autoPromotionEnabled': False}],
                    spec_policies=[{'stage': 'test', 'autoPromotionEnabled': True},
                                   {'stage': 'uat', 'autoPromotionEnabled': True}]),
      [f1, f2, f3],
      expected={'test': {'decision': 'manual', 'reasons': [OFF_MSG]},
                'uat': {'decision': 'promote', 'freight': f3.name, 'reasons': [AUTO_MSG]}})

# 15 empty stageSelector matches every Stage
f1, f2, f3 = three_direct()
write('policy-empty-selector-matches-all',
      direct_stages(['alpha', 'beta'], [{'stageSelector': {}, 'autoPromotionEnabled': True}]),
      [f1, f2, f3],
      expected={'alpha': {'decision': 'promote', 'freight': f3.name, 'reasons': [AUTO_MSG]},
                'beta': {'decision': 'promote', 'freight': f3.name}})


# ---------- soak ----------
def prod_pipeline_state(f_old, f_new, uat_since_new, uat_long=None, prod_since=ago(24)):
    """f_old in prod (verified+soaked in uat long ago), f_new verified in uat."""
    f_old.currently['prod'] = prod_since
    f_old.verified['test'] = (ago(30), None)
    f_old.verified['uat'] = (ago(29), '5h0m0s')
    f_old.verified['prod'] = (ago(23), None)
    f_new.verified['test'] = (ago(5), None)
    f_new.verified['uat'] = (uat_since_new, uat_long)
    return [stage_state(P, 'prod', [history_entry([f_old])])]


def two():
    return F(P, 'app', '1.0.1', discovered=ago(30)), F(P, 'app', '1.0.2', discovered=ago(6))


f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(1))
f2.currently['uat'] = ago(1)
f2.currently['test'] = ago(5)
st += [stage_state(P, 'uat', [history_entry([f2], [('Successful', ago(1))]), history_entry([f1])]),
       stage_state(P, 'test', [history_entry([f2])])]
write('soak-exactly-met', linear(auto('prod')), [f1, f2], st,
      expected={'prod': {'decision': 'promote', 'freight': f2.name, 'current': f1.name,
                         'reasons': [AUTO_MSG, 'soaked 1h of 1h in uat']}})

f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(0, 59, 59))
f2.currently['uat'] = ago(0, 59, 59)
st += [stage_state(P, 'uat', [history_entry([f2], [('Successful', ago(0, 59, 59))]), history_entry([f1])])]
write('soak-one-second-short', linear(auto('prod')), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['soak: 59m 59s of 1h in uat']}})

# soak counted in the upstream named by the request, not wherever the Freight sits longest
f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(0, 10))
f2.currently['uat'] = ago(0, 10)
f2.currently['test'] = ago(5)
f2.verified['test'] = (ago(5), None)
st += [stage_state(P, 'uat', [history_entry([f2], [('Successful', ago(0, 10))]), history_entry([f1])]),
       stage_state(P, 'test', [history_entry([f2])])]
write('soak-counted-in-named-upstream', linear(auto('prod')), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['soak: 10m of 1h in uat']}})

# longestSoak from an earlier completed stay; the Freight left uat and came back 5 minutes ago
f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(4), '1h30m0s')
f2.currently['uat'] = ago(0, 5)
st += [stage_state(P, 'uat', [history_entry([f2]), history_entry([f1]), history_entry([f2], [('Successful', ago(4))])])]
write('soak-longest-completed-stay', linear(auto('prod')), [f1, f2], st,
      expected={'prod': {'decision': 'promote', 'freight': f2.name, 'current': f1.name,
                         'reasons': ['soaked ', ' in uat']}})

# the larger of the two stays counts, never their sum (45m completed + 20m now < 1h)
f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(3), '45m0s')
f2.currently['uat'] = ago(0, 20)
st += [stage_state(P, 'uat', [history_entry([f2]), history_entry([f1]), history_entry([f2], [('Successful', ago(3))])])]
write('soak-longest-not-summed', linear(auto('prod')), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['soak: 45m of 1h in uat']}})

# Freight that left uat long ago keeps its completed soak: available without being there
f1, f2, f3 = F(P, 'app', '1.0.1', discovered=ago(30)), F(P, 'app', '1.0.2', discovered=ago(6)), F(P, 'app', '1.0.3', discovered=ago(1))
st = prod_pipeline_state(f1, f2, ago(5), '2h0m0s')
f3.currently['uat'] = ago(0, 30)
f3.verified['uat'] = (ago(0, 25), None)
st += [stage_state(P, 'uat', [history_entry([f3], [('Successful', ago(0, 30))]), history_entry([f2], [('Successful', ago(5))])])]
write('soak-completed-stay-after-leaving', linear(auto('prod')), [f1, f2, f3], st,
      expected={'prod': {'decision': 'promote', 'freight': f2.name, 'current': f1.name,
                         'reasons': ['soaked ', ' in uat']}})


# ---------- two upstreams ----------
def fanin(strategy, soak=None, policies=None):
    docs = project(P, auto('prod') if policies is None else policies) + [warehouse(P, 'app')]
    extra = {}
    return {'project.yaml': docs,
            'stages.yaml': [stage(P, 'staging-us', [req('app', direct=True)]),
                            stage(P, 'staging-eu', [req('app', direct=True)]),
                            stage(P, 'prod', [req('app', stages=['staging-us', 'staging-eu'], soak=soak,
                                                  strategy=strategy)])]}


def fanin_state(f1, f2):
    f1.currently['prod'] = ago(20)
    for s in ('staging-us', 'staging-eu'):
        f1.verified[s] = (ago(25), '3h0m0s')
    f1.verified['prod'] = (ago(19), None)
    return [stage_state(P, 'prod', [history_entry([f1])])]


for strat, nm in ((None, 'soak-oneof-one-upstream-soaked'), ('All', 'soak-all-one-upstream-short')):
    f1, f2 = two()
    st = fanin_state(f1, f2)
    f2.currently['staging-us'] = ago(2)
    f2.currently['staging-eu'] = ago(0, 10)
    f2.verified['staging-us'] = (ago(2), None)
    f2.verified['staging-eu'] = (ago(0, 10), None)
    st += [stage_state(P, 'staging-us', [history_entry([f2], [('Successful', ago(2))])]),
           stage_state(P, 'staging-eu', [history_entry([f2], [('Successful', ago(0, 10))])])]
    exp = ({'decision': 'promote', 'freight': f2.name, 'current': f1.name, 'reasons': ['soaked ', ' in staging-us']}
           if strat is None else
           {'decision': 'blocked', 'freight': None, 'current': f1.name,
            'reasons': ['soak: 10m of 1h in staging-eu', '(All)']})
    write(nm, fanin(strat, '1h'), [f1, f2], st, expected={'prod': exp})

# fan-in All: both verified -> promote the older one that is; newest verified only in one
f1, f2 = two()
f3 = F(P, 'app', '1.0.3', discovered=ago(1))
st = fanin_state(f1, f2)
f2.verified['staging-us'] = (ago(5), None)
f2.verified['staging-eu'] = (ago(5), None)
f3.currently['staging-us'] = ago(1)
f3.currently['staging-eu'] = ago(1)
f3.verified['staging-us'] = (ago(0, 50), None)
st += [stage_state(P, 'staging-us', [history_entry([f3], [('Successful', ago(1))]), history_entry([f2])]),
       stage_state(P, 'staging-eu', [history_entry([f3], [('Failed', ago(1))]), history_entry([f2])])]
write('fan-in-all-verified-in-both', fanin('All'), [f1, f2, f3], st,
      expected={'prod': {'decision': 'promote', 'freight': f2.name, 'current': f1.name,
                         'reasons': ['verified in staging-us', 'staging-eu']}})

# prod needs verification in both: only staging-us verified -> blocked (All)
f1, f2 = two()
st = fanin_state(f1, f2)
f2.currently['staging-us'] = ago(2)
f2.currently['staging-eu'] = ago(2)
f2.verified['staging-us'] = (ago(2), None)
st += [stage_state(P, 'staging-us', [history_entry([f2], [('Successful', ago(2))])]),
       stage_state(P, 'staging-eu', [history_entry([f2])])]
write('fan-in-all-verified-in-one-blocked', fanin('All'), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['not verified in staging-eu', '(All)']}})

# OneOf: verified in one of two is enough
f1, f2 = two()
st = fanin_state(f1, f2)
f2.currently['staging-eu'] = ago(2)
f2.verified['staging-eu'] = (ago(2), None)
st += [stage_state(P, 'staging-eu', [history_entry([f2], [('Successful', ago(2))])])]
write('fan-in-oneof-verified-in-one', fanin('OneOf'), [f1, f2], st,
      expected={'prod': {'decision': 'promote', 'freight': f2.name, 'current': f1.name,
                         'reasons': ['verified in staging-eu']}})


# ---------- verification upstream ----------
f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(0))
del f2.verified['uat']
f2.currently['uat'] = ago(3)
st += [stage_state(P, 'uat', [history_entry([f2]), history_entry([f1])])]
write('not-verified-upstream', linear(auto('prod')), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['not verified in uat']}})

f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(0))
del f2.verified['uat']
f2.currently['test'] = ago(3)
st += [stage_state(P, 'uat', [history_entry([f1])]), stage_state(P, 'test', [history_entry([f2])])]
f1.currently['uat'] = ago(25)
write('never-promoted-upstream', linear(auto('prod')), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['not verified in uat (never promoted there)']}})

f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(0))
del f2.verified['uat']
f2.currently['uat'] = ago(2)
st += [stage_state(P, 'uat', [history_entry([f2], [('Failed', ago(2))]), history_entry([f1])])]
write('verification-failed-upstream', linear(auto('prod'), verify=True), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['verification failed in uat']}})

f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(0))
del f2.verified['uat']
f2.currently['uat'] = ago(0, 3)
st += [stage_state(P, 'uat', [history_entry([f2], [('Running', ago(0, 3))]), history_entry([f1])])]
write('verification-running-upstream', linear(auto('uat', 'prod'), verify=True), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['verifying in uat']},
                'uat': {'decision': 'verifying', 'current': f2.name, 'reasons': ['verifying ', ' since 20']}})

# verification of the current Freight running -> verifying
f1, f2 = two()
f1.currently['test'] = ago(20)
f1.verified['test'] = (ago(20), None)
f1.currently['uat'] = ago(0, 2)
st = [stage_state(P, 'uat', [history_entry([f1], [('Running', ago(0, 2))])]),
      stage_state(P, 'test', [history_entry([f1])])]
write('verifying-current', linear(auto('uat'), verify=True), [f1], st,
      expected={'uat': {'decision': 'verifying', 'current': f1.name, 'freight': None,
                        'reasons': ['verifying ', ' since 20']}})


# ---------- approval / rejection ----------
f1, f2 = two()
f3 = F(P, 'app', '1.0.3', discovered=ago(1), approved={'prod': ago(0, 5)})
st = prod_pipeline_state(f1, f2, ago(5), '5h0m0s')
write('approval-bypasses-soak-and-verification', linear(auto('prod')), [f1, f2, f3], st,
      expected={'prod': {'decision': 'promote', 'freight': f3.name, 'current': f1.name,
                         'reasons': ['approved for prod']}})

# approval is per Stage
cfg = {'project.yaml': project(P, auto('uat', 'prod-us', 'prod-eu')) + [warehouse(P, 'app')],
       'stages.yaml': [stage(P, 'uat', [req('app', direct=True)]),
                       stage(P, 'prod-us', [req('app', stages=['uat'])]),
                       stage(P, 'prod-eu', [req('app', stages=['uat'])])]}
f1 = F(P, 'app', '1.0.1', discovered=ago(30), currently={'uat': ago(20), 'prod-us': ago(10), 'prod-eu': ago(10)},
       verified={'uat': (ago(20), None), 'prod-us': (ago(10), None), 'prod-eu': (ago(10), None)})
f2 = F(P, 'app', '1.0.2', discovered=ago(1), approved={'prod-eu': ago(0, 30)})
write('approval-is-per-stage', cfg, [f1, f2],
      [stage_state(P, s, [history_entry([f1])]) for s in ('uat', 'prod-us', 'prod-eu')],
      expected={'prod-eu': {'decision': 'promote', 'freight': f2.name, 'current': f1.name,
                            'reasons': ['approved for prod-eu']},
                'prod-us': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                            'reasons': ['not verified in uat (never promoted there)']},
                'uat': {'decision': 'promote', 'freight': f2.name}})

f1, f2, f3 = three_direct()
f3.rejected['test-a'] = (ago(0, 30), 'qa', 'CVE-2026-1234')
f3.rejected['test-c'] = (ago(0, 30), 'qa', 'CVE-2026-1234')
f2.currently.update({'test-a': ago(2), 'test-b': ago(2)})
f1.currently['test-c'] = ago(3)
write('rejected-for-one-stage', direct_stages(['test-a', 'test-b', 'test-c'], auto('test-a', 'test-b', 'test-c')),
      [f1, f2, f3],
      [stage_state(P, 'test-a', [history_entry([f2])]), stage_state(P, 'test-b', [history_entry([f2])]),
       stage_state(P, 'test-c', [history_entry([f1])])],
      expected={'test-a': {'decision': 'blocked', 'freight': None, 'current': f2.name,
                           'reasons': ['rejected for test-a']},
                'test-b': {'decision': 'promote', 'freight': f3.name, 'current': f2.name},
                'test-c': {'decision': 'promote', 'freight': f2.name, 'current': f1.name}})

f1, f2, f3 = three_direct()
f3.rejected['*'] = (ago(0, 30), 'qa', 'CVE-2026-1234')
f2.currently['test-a'] = ago(2)
write('rejected-for-every-stage', direct_stages(['test-a', 'test-b'], auto('test-a', 'test-b')), [f1, f2, f3],
      [stage_state(P, 'test-a', [history_entry([f2])])],
      expected={'test-a': {'decision': 'blocked', 'freight': None, 'current': f2.name,
                           'reasons': ['rejected for every Stage']},
                'test-b': {'decision': 'promote', 'freight': f2.name, 'current': None}})

# approved and rejected for prod: the rejection wins, prod keeps what it has
f1, f2 = two()
f3 = F(P, 'app', '1.0.3', discovered=ago(1), approved={'prod': ago(0, 40)},
       rejected={'prod': (ago(0, 20), 'sre', 'breaks checkout')})
f2.verified = {'uat': (ago(5), '3h0m0s'), 'prod': (ago(2), None)}
f2.currently = {'prod': ago(2)}
f1.verified = {'uat': (ago(29), '5h0m0s')}
write('rejection-beats-approval', linear(auto('prod')), [f1, f2, f3],
      [stage_state(P, 'prod', [history_entry([f2]), history_entry([f1])])],
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f2.name,
                         'reasons': ['rejected for prod']}})

# everything rejected -> blocked
f1, f2, f3 = three_direct()
on('test', f1, ago(3))
f2.rejected['test'] = (ago(0, 30), 'qa', 'flaky')
f3.rejected['*'] = (ago(0, 30), 'qa', 'CVE')
write('all-newer-rejected-blocked', direct_stages(['test'], auto('test')), [f1, f2, f3],
      [stage_state(P, 'test', [history_entry([f1])])],
      expected={'test': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['rejected for test', 'rejected for every Stage']}})


# ---------- holds, promotions ----------
f1, f2, f3 = three_direct()
on('test', f1, ago(3))
write('hold-manual', direct_stages(['test'], auto('test')), [f1, f2, f3],
      [stage_state(P, 'test', [history_entry([f1])], holds=hold(f1, 'alice', ago(2), 'release freeze'))],
      expected={'test': {'decision': 'manual', 'current': f1.name,
                         'reasons': ['held on ', 'by alice', 'release freeze']}})

# a hold on one origin leaves the other origin of the Stage alone
cfg = {'project.yaml': project(P, auto('bundle')) + [warehouse(P, 'app'), warehouse(P, 'cfg', commit=True)],
       'stages.yaml': [stage(P, 'bundle', [req('app', direct=True), req('cfg', direct=True)])]}
a1 = F(P, 'app', '1.0.1', discovered=ago(5), currently={'bundle': ago(4)})
a2 = F(P, 'app', '1.0.2', discovered=ago(1))
c1 = F(P, 'cfg', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', discovered=ago(5), currently={'bundle': ago(4)}, commit=True)
c2 = F(P, 'cfg', 'b1b2c3d4e5f60718293a4b5c6d7e8f9012345678', discovered=ago(2), commit=True)
write('multi-warehouse-hold-one-origin', cfg, [a1, a2, c1, c2],
      [stage_state(P, 'bundle', [history_entry([a1, c1])], holds=hold(a1, 'bob', ago(3), 'pinned'))],
      expected={'bundle': {'decision': 'promote', 'freight': c2.name, 'current': collection_id([a1, c1]),
                           'reasons': ['held on ']}})

f1, f2, f3 = three_direct()
on('test', f1, ago(3))
write('running-promotion', direct_stages(['test'], auto('test')), [f1, f2, f3],
      [stage_state(P, 'test', [history_entry([f1])])],
      [promotion(P, 'test.01kq4w0v6m.e3b0c44', 'test', f3, ago(0, 2), ago(0, 2))],
      expected={'test': {'decision': 'promoting', 'current': f1.name,
                         'reasons': ['promotion test.01kq4w0v6m.e3b0c44 is running']}})

f1, f2, f3 = three_direct()
on('test', f1, ago(3))
write('queued-manual-promotion', direct_stages(['test'], None), [f1, f2, f3],
      [stage_state(P, 'test', [history_entry([f1])])],
      [promotion(P, 'test.01kq4w0v6m.a1b2c3d', 'test', f2, ago(0, 1))],
      expected={'test': {'decision': 'promote', 'freight': f2.name, 'current': f1.name,
                         'reasons': ['promotion test.01kq4w0v6m.a1b2c3d requested']}})


# ---------- newest, up-to-date, nothing yet ----------
f1, f2, f3 = three_direct()
on('test', f3, ago(1))
write('up-to-date', direct_stages(['test'], auto('test')), [f1, f2, f3],
      [stage_state(P, 'test', [history_entry([f3]), history_entry([f2])])],
      expected={'test': {'decision': 'up-to-date', 'freight': None, 'current': f3.name}})

write('no-freight-yet', linear(auto('test', 'uat')), [], [],
      expected={'test': {'decision': 'blocked', 'freight': None, 'current': None,
                         'reasons': ['no Freight from Warehouse/app yet']},
                'uat': {'decision': 'blocked', 'freight': None, 'current': None}})

# newest by discoveredAt (not tag, not name); a tie goes to the greater name
fa = F(P, 'app', '2.0.0', discovered=ago(5))
fb = F(P, 'app', '1.0.7', discovered=ago(1))
fc = F(P, 'app', '1.0.8', discovered=ago(1))
hi, lo = (fb, fc) if fb.name > fc.name else (fc, fb)
write('newest-by-discovered-at-tie-greater-name', direct_stages(['test'], auto('test')), [fa, fb, fc],
      expected={'test': {'decision': 'promote', 'freight': hi.name, 'current': None}})

# no discoveredAt: creationTimestamp counts
fa = F(P, 'app', '3.0.0', discovered=ago(2))
fb = F(P, 'app', '3.0.1', created=ago(0, 30))
fc = F(P, 'app', '3.0.2', discovered=ago(4), created=ago(0, 10))
write('newest-falls-back-to-creation-timestamp', direct_stages(['test'], auto('test')), [fa, fb, fc],
      expected={'test': {'decision': 'promote', 'freight': fb.name, 'current': None}})

# current newer than the other eligible Freight (it is approved, so still eligible) -> up-to-date
f1, f2 = two()
f3 = F(P, 'app', '1.0.3', discovered=ago(1), approved={'prod': ago(0, 50)}, currently={'prod': ago(0, 45)},
       verified={'prod': (ago(0, 44), None)})
st = prod_pipeline_state(f1, f2, ago(5), '3h0m0s')
f1.currently.pop('prod')
st = [stage_state(P, 'prod', [history_entry([f3]), history_entry([f1])])]
write('current-newer-than-eligible-up-to-date', linear(auto('prod')), [f1, f2, f3], st,
      expected={'prod': {'decision': 'up-to-date', 'freight': None, 'current': f3.name}})

# current newer but no longer available (prod's upstream changed from uat to staging):
# Kargo's candidate is the newest *available* Freight, which is not current -> promote it
cfg = {'project.yaml': project(P, auto('prod')) + [warehouse(P, 'app')],
       'stages.yaml': [stage(P, 'uat', [req('app', direct=True)]),
                       stage(P, 'staging', [req('app', direct=True)]),
                       stage(P, 'prod', [req('app', stages=['staging'])])]}
f1 = F(P, 'app', '1.0.1', discovered=ago(30), currently={'staging': ago(20)}, verified={'staging': (ago(20), None)})
f3 = F(P, 'app', '1.0.3', discovered=ago(2), currently={'uat': ago(2), 'prod': ago(1)},
       verified={'uat': (ago(2), None), 'prod': (ago(1), None)})
write('current-unavailable-newest-available-promoted', cfg, [f1, f3],
      [stage_state(P, 'prod', [history_entry([f3])]), stage_state(P, 'staging', [history_entry([f1])]),
       stage_state(P, 'uat', [history_entry([f3])])],
      expected={'prod': {'decision': 'promote', 'freight': f1.name, 'current': f3.name}},
      comment='prod used to take Freight from uat; it now takes it from staging.\n'
              'Kargo auto-promotes the newest Freight available to prod unless it is already current.')


# ---------- topologies ----------
# multi-warehouse: one origin changes -> only that origin is promoted
cfg = {'project.yaml': project(P, auto('bundle')) + [warehouse(P, 'app'), warehouse(P, 'cfg', commit=True)],
       'stages.yaml': [stage(P, 'bundle', [req('app', direct=True), req('cfg', direct=True)])]}
a1 = F(P, 'app', '1.0.1', discovered=ago(5), currently={'bundle': ago(4)})
a2 = F(P, 'app', '1.0.2', discovered=ago(1))
c1 = F(P, 'cfg', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', discovered=ago(5), currently={'bundle': ago(4)}, commit=True)
write('multi-warehouse-one-origin-changes', cfg, [a1, a2, c1],
      [stage_state(P, 'bundle', [history_entry([a1, c1])])],
      expected={'bundle': {'decision': 'promote', 'freight': a2.name, 'current': collection_id([a1, c1])}})

# two parallel prod Stages with different soak
f1, f2 = two()
cfg = {'project.yaml': project(P, auto('prod-us', 'prod-eu')) + [warehouse(P, 'app')],
       'stages.yaml': [stage(P, 'uat', [req('app', direct=True)]),
                       stage(P, 'prod-us', [req('app', stages=['uat'], soak='1h')]),
                       stage(P, 'prod-eu', [req('app', stages=['uat'], soak='2h')])]}
f1.verified = {'uat': (ago(30), '5h0m0s'), 'prod-us': (ago(20), None), 'prod-eu': (ago(20), None)}
f1.currently = {'prod-us': ago(20), 'prod-eu': ago(20)}
f2.currently = {'uat': ago(1, 30)}
f2.verified = {'uat': (ago(1, 29), None)}
write('parallel-prod-stages', cfg, [f1, f2],
      [stage_state(P, 'prod-us', [history_entry([f1])]), stage_state(P, 'prod-eu', [history_entry([f1])]),
       stage_state(P, 'uat', [history_entry([f2]), history_entry([f1])])],
      expected={'prod-us': {'decision': 'promote', 'freight': f2.name, 'current': f1.name,
                            'reasons': ['soaked ', ' in uat']},
                'prod-eu': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                            'reasons': ['soak: 1h 30m of 2h in uat']},
                'uat': {'decision': 'up-to-date', 'current': f2.name}})

# MatchUpstream: take what uat holds (rolled back to f1), not the newest verified f2
f0 = F(P, 'app', '1.0.0', discovered=ago(40), currently={'prod': ago(30)}, verified={'uat': (ago(35), '5h0m0s'), 'prod': (ago(30), None)})
f1 = F(P, 'app', '1.0.1', discovered=ago(30), currently={'uat': ago(1)}, verified={'uat': (ago(20), '10h0m0s')})
f2 = F(P, 'app', '1.0.2', discovered=ago(6), verified={'uat': (ago(5), '2h0m0s')})
mu = linear(auto('prod'), prod_soak=None, prod_extra={'selection': 'MatchUpstream'})
write('match-upstream', mu, [f0, f1, f2],
      [stage_state(P, 'prod', [history_entry([f0])]),
       stage_state(P, 'uat', [history_entry([f1]), history_entry([f2]), history_entry([f1])])],
      expected={'prod': {'decision': 'promote', 'freight': f1.name, 'current': f0.name, 'reasons': ['MatchUpstream']}})

f1 = F(P, 'app', '1.0.1', discovered=ago(30), currently={'uat': ago(1), 'prod': ago(0, 30)},
       verified={'uat': (ago(20), '10h0m0s'), 'prod': (ago(0, 29), None)})
f2 = F(P, 'app', '1.0.2', discovered=ago(6), verified={'uat': (ago(5), '2h0m0s')})
write('match-upstream-already-matching', mu, [f1, f2],
      [stage_state(P, 'prod', [history_entry([f1])]),
       stage_state(P, 'uat', [history_entry([f1]), history_entry([f2]), history_entry([f1])])],
      expected={'prod': {'decision': 'up-to-date', 'freight': None, 'current': f1.name}})

# control-flow Stage with no steps between Stages that have steps
cfg = {'project.yaml': project(P, auto('gate', 'uat')) + [warehouse(P, 'app')],
       'stages.yaml': [stage(P, 'test', [req('app', direct=True)], steps=True),
                       stage(P, 'gate', [req('app', stages=['test'])]),
                       stage(P, 'uat', [req('app', stages=['gate'])], steps=True)]}
f1 = F(P, 'app', '1.0.1', discovered=ago(30), currently={'gate': ago(20), 'uat': ago(19)},
       verified={'test': (ago(25), None), 'gate': (ago(20), None), 'uat': (ago(19), None)})
f2 = F(P, 'app', '1.0.2', discovered=ago(2), currently={'test': ago(1)}, verified={'test': (ago(0, 50), None)})
write('control-flow-stage', cfg, [f1, f2],
      [stage_state(P, 'test', [history_entry([f2], [('Successful', ago(1))]), history_entry([f1])]),
       stage_state(P, 'gate', [history_entry([f1])]), stage_state(P, 'uat', [history_entry([f1])])],
      expected={'gate': {'decision': 'promote', 'freight': f2.name, 'current': f1.name, 'reasons': ['verified in test']},
                'uat': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                        'reasons': ['not verified in gate (never promoted there)']}})

# two Projects in one configuration; identical artifacts give identical Freight names in both
cfg = {'alpha.yaml': project('alpha', auto('test')) + [warehouse('alpha', 'app'),
                                                       stage('alpha', 'test', [req('app', direct=True)])],
       'beta.yaml': project('beta', []) + [warehouse('beta', 'app'), stage('beta', 'test', [req('app', direct=True)])]}
a1 = F('alpha', 'app', '1.0.1', discovered=ago(5), currently={'test': ago(4)})
a2 = F('alpha', 'app', '1.0.2', discovered=ago(1))
b1 = F('beta', 'app', '1.0.1', discovered=ago(5))
b2 = F('beta', 'app', '1.0.2', discovered=ago(1), currently={'test': ago(0, 30)})
assert a1.name == b1.name
write('two-projects', cfg, [a1, a2, b1, b2],
      [stage_state('alpha', 'test', [history_entry([a1])]), stage_state('beta', 'test', [history_entry([b2])])],
      expected={'alpha/test': {'decision': 'promote', 'freight': a2.name, 'current': a1.name, 'reasons': [AUTO_MSG]},
                'beta/test': {'decision': 'up-to-date', 'freight': None, 'current': b2.name}})

# hand-written state: no Stage files, current comes from Freight status.currentlyIn
f1, f2, f3 = three_direct()
f1.currently['test'] = ago(3)
f1.verified['test'] = (ago(3), None)
f2.currently['uat'] = ago(1)
f2.verified['test'] = (ago(2), '30m0s')
write('hand-written-state-without-history', linear(auto('test', 'uat')), [f1, f2, f3],
      expected={'test': {'decision': 'promote', 'freight': f3.name, 'current': f1.name},
                'uat': {'decision': 'blocked', 'freight': None, 'current': f2.name,
                        'reasons': ['not verified in test (never promoted there)']}})

# kubectl-style kind: List export
f1, f2, f3 = three_direct()
f1.currently['test'] = ago(3)
lst = {'apiVersion': 'v1', 'kind': 'List', 'metadata': {'resourceVersion': ''},
       'items': [f.doc() for f in (f1, f2, f3)]}
write('kubectl-list-export', direct_stages(['test'], auto('test')), [],
      [stage_state(P, 'test', [history_entry([f1])])],
      state_extra={f'{P}/freight/export.yaml': dump_all([lst])},
      expected={'test': {'decision': 'promote', 'freight': f3.name, 'current': f1.name}})

print('ok')

# ---------- extra traps ----------
# Freight from a Warehouse the Stage does not request is never a candidate
cfg = {'project.yaml': project(P, auto('test')) + [warehouse(P, 'app'), warehouse(P, 'other')],
       'stages.yaml': [stage(P, 'test', [req('app', direct=True)]),
                       stage(P, 'side', [req('other', direct=True)])]}
f1 = F(P, 'app', '1.0.1', discovered=ago(5))
f2 = F(P, 'app', '1.0.2', discovered=ago(3))
o1 = F(P, 'other', '9.9.9', discovered=ago(1))
write('other-origin-ignored', cfg, [f1, f2, o1],
      expected={'test': {'decision': 'promote', 'freight': f2.name, 'current': None}})

# verified in uat, left without a recorded longestSoak: soak is zero, however old verifiedAt is
f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(6))
f3 = F(P, 'app', '1.0.3', discovered=ago(1), currently={'uat': ago(0, 30)}, verified={'uat': (ago(0, 25), None)})
st += [stage_state(P, 'uat', [history_entry([f3], [('Successful', ago(0, 30))]), history_entry([f2], [('Successful', ago(6))])])]
write('verified-left-without-longest-soak', linear(auto('prod')), [f1, f2, f3], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['of 1h in uat']}})

# the same instant written with offsets: soak exactly met
f1, f2 = two()
st = prod_pipeline_state(f1, f2, '2026-11-23T06:00:00-05:00')
f2.currently['uat'] = '2026-11-23T06:00:00-05:00'
st += [stage_state(P, 'uat', [history_entry([f2], [('Successful', '2026-11-23T11:00:00Z')]), history_entry([f1])])]
d = write('soak-exactly-met-with-offsets', linear(auto('prod')), [f1, f2], st,
          expected={'prod': {'decision': 'promote', 'freight': f2.name, 'current': f1.name}})
open(os.path.join(ROOT, 'soak-exactly-met-with-offsets', 'now'), 'w').write('2026-11-23T13:00:00+01:00\n')

# requiredSoakTime 90m: 1h is not enough
f1, f2 = two()
st = prod_pipeline_state(f1, f2, ago(1))
f2.currently['uat'] = ago(1)
st += [stage_state(P, 'uat', [history_entry([f2], [('Successful', ago(1))]), history_entry([f1])])]
write('soak-90m-requirement', linear(auto('prod'), prod_soak='90m'), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['soak: 1h of 1h 30m in uat']}})

# direct: true together with stages: direct wins, nothing upstream needed
cfg = {'project.yaml': project(P, auto('hotfix')) + [warehouse(P, 'app')],
       'stages.yaml': [stage(P, 'test', [req('app', direct=True)]),
                       stage(P, 'hotfix', [req('app', direct=True, stages=['test'], soak='24h')])]}
f1, f2 = two()
f1.currently['hotfix'] = ago(20)
write('direct-and-stages-direct-wins', cfg, [f1, f2], [stage_state(P, 'hotfix', [history_entry([f1])])],
      expected={'hotfix': {'decision': 'promote', 'freight': f2.name, 'current': f1.name,
                           'reasons': ['direct from Warehouse/app']}})

# OneOf needs verified AND soaked in the same upstream: verified in one, long stay in the other
f1, f2 = two()
st = fanin_state(f1, f2)
f2.currently['staging-us'] = ago(0, 10)
f2.verified['staging-us'] = (ago(0, 8), None)
f2.currently['staging-eu'] = ago(3)
st += [stage_state(P, 'staging-us', [history_entry([f2], [('Successful', ago(0, 10))])]),
       stage_state(P, 'staging-eu', [history_entry([f2], [('Failed', ago(3))])])]
write('verified-and-soaked-must-be-same-upstream', fanin(None, '1h'), [f1, f2], st,
      expected={'prod': {'decision': 'blocked', 'freight': None, 'current': f1.name,
                         'reasons': ['soak: 10m of 1h in staging-us']}})

# a finished Promotion of older Freight does not stop auto-promotion of newer Freight
f1, f2, f3 = three_direct()
on('test', f2, ago(1, 30))
done = promotion(P, 'test.01kq4vz1aa.5d41402', 'test', f2, ago(1, 31))
done['status'] = {'phase': 'Succeeded', 'startedAt': ago(1, 31), 'finishedAt': ago(1, 30)}
write('finished-promotion-does-not-block', direct_stages(['test'], auto('test')), [f1, f2, f3],
      [stage_state(P, 'test', [history_entry([f2]), history_entry([f1])])], [done],
      expected={'test': {'decision': 'promote', 'freight': f3.name, 'current': f2.name}})

# --- promotion windows (Kargo's promotionWindows, enforced by Freightline) ---

def windowed(cfg, windows, cluster=None):
    """cfg with promotionWindows on its ProjectConfig, and a ClusterConfig holding `cluster`."""
    for doc in cfg['project.yaml']:
        if doc['kind'] == 'ProjectConfig':
            doc['spec']['promotionWindows'] = windows
    if cluster is not None:
        cfg['project.yaml'].append({'apiVersion': API, 'kind': 'ClusterConfig', 'metadata': {'name': 'cluster'},
                                    'spec': {'promotionWindows': cluster}})
    return cfg


def window(name, kind, start, end, rrule=None, stage=None, project_name=None):
    w = {'name': name, 'kind': kind}
    if stage:
        w['stageSelector'] = {'name': stage}
    if project_name:
        w['projectSelector'] = {'name': project_name}
    if rrule:
        w['rrule'] = rrule
    w['dtstart'] = start
    w['dtend'] = end
    return w


def windows_state():
    f1, f2, f3 = three_direct()
    on('test', f1, ago(3))
    return [f1, f2, f3], [stage_state(P, 'test', [history_entry([f1])])], f1, f3


# a Deny window active now closes the Stage: auto-promotion waits, the plan says until when
fs, st, f1, f3 = windows_state()
write('window-deny-closes-stage',
      windowed(direct_stages(['test'], auto('test')),
               [window('lunch-freeze', 'Deny', '20261101T110000Z', '20261101T130000Z', 'FREQ=DAILY', stage='test')]),
      fs, st, expected={'test': {'decision': 'blocked', 'current': f1.name,
                                 'reasons': ['promotion window: closed by window `lunch-freeze` until 2026-11-23T13:00:00Z']}})

# a window's end is exclusive: at exactly its end the Stage is open again
fs, st, f1, f3 = windows_state()
write('window-boundary-end-exclusive',
      windowed(direct_stages(['test'], auto('test')),
               [window('morning-freeze', 'Deny', '20261101T100000Z', '20261101T120000Z', 'FREQ=DAILY', stage='test')]),
      fs, st, expected={'test': {'decision': 'promote', 'freight': f3.name, 'current': f1.name}})

# an Allow window that is not active closes the Stage outside it
fs, st, f1, f3 = windows_state()
write('window-allow-outside-closed',
      windowed(direct_stages(['test'], auto('test')),
               [window('weekends', 'Allow', 'TZID=Europe/Paris:20261107T000000', 'TZID=Europe/Paris:20261109T000000',
                       'FREQ=WEEKLY;BYDAY=SA', stage='test')]),
      fs, st, expected={'test': {'decision': 'blocked', 'current': f1.name,
                                 'reasons': ['promotion window: ', 'weekends', '2026-11-28T00:00:00+01:00']}})

# Deny beats Allow: both active, the Stage is closed
fs, st, f1, f3 = windows_state()
write('window-deny-beats-allow',
      windowed(direct_stages(['test'], auto('test')),
               [window('business-hours', 'Allow', '20261101T080000Z', '20261101T170000Z', 'FREQ=DAILY', stage='test'),
                window('incident', 'Deny', '20261123T113000Z', '20261123T123000Z', stage='test')]),
      fs, st, expected={'test': {'decision': 'blocked', 'current': f1.name,
                                 'reasons': ['closed by window `incident` until 2026-11-23T12:30:00Z']}})

# a cluster-level window selected by projectSelector closes the Project's Stage
fs, st, f1, f3 = windows_state()
write('window-cluster-level',
      windowed(direct_stages(['test'], auto('test')), [],
               cluster=[window('cluster-freeze', 'Deny', '20261123T000000Z', '20261124T000000Z',
                               project_name='demo', stage='test')]),
      fs, st, expected={'test': {'decision': 'blocked', 'current': f1.name,
                                 'reasons': ['closed by window `cluster-freeze` until 2026-11-24T00:00:00Z']}})

# the spring-forward day in Paris: a 02:30 window (a local time that does not exist) starts
# at 03:30 CEST, an hour later on the clock, and lasts its hour
fs, st, f1, f3 = windows_state()
write('window-dst-spring-forward',
      windowed(direct_stages(['test'], auto('test')),
               [window('night-maintenance', 'Deny', 'TZID=Europe/Paris:20260301T023000',
                       'TZID=Europe/Paris:20260301T033000', 'FREQ=DAILY', stage='test')]),
      fs, st, now=datetime(2026, 3, 29, 1, 45, 0, tzinfo=timezone.utc),
      expected={'test': {'decision': 'blocked', 'current': f1.name,
                         'reasons': ['closed by window `night-maintenance` until 2026-03-29T04:30:00+02:00']}})
print('extra ok')
