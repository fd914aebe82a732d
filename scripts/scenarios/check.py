import json, subprocess, os, sys
ROOT=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'scenarios')
BIN=sys.argv[1] if len(sys.argv)>1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '.build', 'debug', 'freightline')
only=sys.argv[2:] 
bad=0
for name in sorted(os.listdir(ROOT)):
    if only and name not in only: continue
    d=os.path.join(ROOT,name)
    now=open(os.path.join(d,'now')).read().strip()
    r=subprocess.run([BIN,'plan','--config','config','--state','state','--now',now,'--format','json'],cwd=d,capture_output=True,text=True)
    if r.returncode!=0:
        print('==',name,'exit',r.returncode,r.stderr[:500]); bad+=1; continue
    plan=json.loads(r.stdout)
    exp=json.load(open(os.path.join(d,'expected.json')))['stages']
    projects=plan['projects']; stages={}; aliases={}
    for p in projects:
        for f in p.get('freight',[]): aliases[f['name']]=f.get('alias')
        for s in p['stages']:
            stages[s['name'] if len(projects)==1 else p['name']+'/'+s['name']]=s
    probs=[]
    for k,facts in exp.items():
        s=stages.get(k)
        if not s: probs.append(f'{k}: missing'); continue
        if s['decision']!=facts['decision']: probs.append(f"{k}: decision {s['decision']} != {facts['decision']}")
        if 'freight' in facts:
            w=facts['freight']; a=s.get('freight')
            if not ((w is None and a is None) or (a==w or aliases.get(a)==w)): probs.append(f"{k}: freight {a} != {w}")
        if 'current' in facts:
            w=facts['current']; c=s.get('current'); a=c and c.get('freight')
            if not ((w is None and c is None) or (c and (a==w or c.get('alias')==w))): probs.append(f"{k}: current {a} != {w}")
        for fr in facts.get('reasons',[]):
            if not any(fr in x for x in s.get('reasons',[])): probs.append(f"{k}: no reason '{fr}'")
    if probs:
        bad+=1
        print('==',name)
        for p in probs: print('   ',p)
        for k in exp:
            s=stages.get(k)
            if s: print('    >',k,s['decision'],s.get('freight'),s.get('reasons'))
print('failing scenarios:',bad)
