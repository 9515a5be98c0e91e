import json, re, glob, os, importlib.util
base='/work/eval-out/Q'
exp=[]; mnf=[]
def lines_of(f):
    return re.split(r'\r\n|\r|\n', open(os.path.join(base,f),encoding='utf8').read())
def find(f,text):
    L=lines_of(f); hits=[i for i,l in enumerate(L) if text in l]
    if len(hits)!=1: raise SystemExit(f'{f}: text {text!r} found on lines {hits}')
    return hits[0]
for spec in sorted(glob.glob(base+'/tools/spec_*.py')):
    ns={}; exec(open(spec).read(), ns)
    f=ns['FILE']
    for e in ns['EXP']:
        code=e.get('code','reference.mismatch')
        d={'file':f,'line':find(f,e['text']),'code':code,'min_severity':e.get('sev','warning'),'why':e['why'],'text':e['text']}
        if code=='reference.mismatch': d['right']=e['right']
        exp.append(d)
    for e in ns['MNF']:
        mnf.append({'file':f,'line':find(f,e['text']),'why':e['why'],'text':e['text'],'kind':e['kind']})
json.dump(exp,open(base+'/expected.json','w'),indent=1,ensure_ascii=False)
json.dump(mnf,open(base+'/must_not_flag.json','w'),indent=1,ensure_ascii=False)
print(len(exp),'expected',len(mnf),'mnf')
