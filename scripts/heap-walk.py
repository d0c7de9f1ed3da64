#!/usr/bin/env python3
# Walks one glibc (2.36) thread arena of a live process and says what keeps its pages resident
# (BENCHMARKS.md, round 8). For each 4 KB page up to the arena's top: the bytes of blocks in use
# on it; then, on the "sparse" pages (< 30 % in use: pages malloc_trim cannot give back because
# of a few live blocks), a histogram of those blocks by size and by what they are — the Swift
# class of an object (its first word, resolved through the binary's symbols, generic classes
# through their type descriptor), "paehkcdh" = libcurl's small blocks (CShim curl_heap.c's
# tag), "other" = anything else — with a few samples of strings and byte arrays.
# Usage (root, the process kept by `KEEP=1 scripts/bench-dashboard-rss.sh`):
#   gdb -p PID -batch -ex 'thread apply all p (void*)thread_arena' -ex 'thread apply all bt 4'
#   (the network thread is the one in NetworkLoop.run; its arena address rounded down to 64 MB)
#   scripts/heap-walk.py PID ARENA_BASE_HEX PATH_TO_AGENTDECK_BINARY
# Blocks in a thread cache or fastbin look in use: a few hundred at most.
import sys,struct,bisect,subprocess,collections,re
pid=int(sys.argv[1]); heapbase=int(sys.argv[2],16); binpath=sys.argv[3]
maps=open(f'/proc/{pid}/maps').read().splitlines()
# heap extent: the mapping starting at heapbase (rw part)
end=None
for l in maps:
    a,b=[int(x,16) for x in l.split()[0].split('-')]
    if a==heapbase: end=b; break
mem=open(f'/proc/{pid}/mem','rb')
mem.seek(heapbase); data=mem.read(end-heapbase)
# binary load base
base=None
for l in maps:
    if l.endswith(binpath.split('/')[-1]) and ' 00000000 ' in l:
        base=int(l.split('-')[0],16); break
syms=[]
for line in subprocess.run(['nm','-n',binpath],capture_output=True,text=True).stdout.splitlines():
    p=line.split()
    if len(p)==3: syms.append((int(p[0],16),p[2]))
addrs=[a for a,_ in syms]
def sym(v):
    if base is None or v<base: return None
    off=v-base
    i=bisect.bisect_right(addrs,off)-1
    if i<0: return None
    a,n=syms[i]
    if off-a>4096: return None
    return n
heap_size=struct.unpack_from('<Q',data,16)[0]
arena=heapbase+48
top=struct.unpack_from('<Q',data,48+96)[0]
# first chunk: after heap_info + malloc_state (2200), aligned so that chunk+16 is 16-aligned
p=heapbase+48+2200
while (p+16)%16: p+=8
chunks=[]
while p < top and p-heapbase < len(data)-16:
    size=struct.unpack_from('<Q',data,p-heapbase+8)[0]
    csz=size & ~7
    if csz<32 or p+csz>end: print("walk broke at",hex(p),hex(size)); break
    chunks.append((p,csz))
    p+=csz
print("chunks",len(chunks),"walked to",hex(p),"top",hex(top))
inuse=[]
for i,(c,sz) in enumerate(chunks):
    nxt=c+sz
    if nxt-heapbase+16<=len(data):
        nsize=struct.unpack_from('<Q',data,nxt-heapbase+8)[0]
        used=bool(nsize&1)
    else: used=True
    inuse.append(used)
PAGE=4096
pagelive=collections.Counter()
for (c,sz),u in zip(chunks,inuse):
    if not u: continue
    s=c; e=c+sz
    while s<e:
        pg=s//PAGE; pe=min(e,(pg+1)*PAGE)
        pagelive[pg]+=pe-s; s=pe
npages=(top-heapbase)//PAGE
live_pages=len(pagelive)
print("pages to top",npages,"pages with live",live_pages, "live MB",sum(sz for (c,sz),u in zip(chunks,inuse) if u)/1e6)
hist=collections.Counter(min(9,v*10//PAGE) for v in pagelive.values())
print("pages by live fraction (tenths):",sorted(hist.items()))
# types on sparse pages (<30% live)
def kind(c,sz):
    w0=struct.unpack_from('<Q',data,c+16-heapbase)[0] if c+24-heapbase<=len(data) else 0
    n=sym(w0)
    if n: return n
    if w0>0x10000 and w0<0x7fffffffffff:
        try:
            mem.seek(w0+40); d=struct.unpack('<Q',mem.read(8))[0]
            n=sym(d)
            if n: return 'G:'+n
        except Exception: pass
        return 'ptr-unknown'
    return 'other'
types=collections.Counter(); typesb=collections.Counter()
sparse=set(pg for pg,v in pagelive.items() if v < PAGE*0.3)
for (c,sz),u in zip(chunks,inuse):
    if not u: continue
    if c//PAGE in sparse or (c+sz-1)//PAGE in sparse:
        k=kind(c,sz); types[(k,sz)]+=1; typesb[k]+=1
print("sparse pages",len(sparse))
names=sorted(set(k for k,_ in types))
dm=dict(zip(names,subprocess.run(['swift','demangle','--simplified','--compact'],input='\n'.join(names),capture_output=True,text=True).stdout.split('\n')))
for (k,sz),n in types.most_common(40): print(n, sz, dm.get(k,k)[:120])

import random
random.seed(1)
samples=collections.defaultdict(list)
for (c,sz),u in zip(chunks,inuse):
    if not u or not (c//PAGE in sparse): continue
    k=kind(c,sz)
    if k in ('$ss15__StringStorageCN','$ss15__StringStorageCMf') or 'StringStorage' in k:
        off=c+16+32-heapbase
        cnt=struct.unpack_from('<Q',data,c+16+24-heapbase)[0] & 0xffffffffffff
        samples[('str',sz)].append(data[off:off+min(cnt,70)])
    elif 'UInt8' in k:
        cnt=struct.unpack_from('<Q',data,c+16+16-heapbase)[0]
        samples[('u8',sz)].append(data[c+16+32-heapbase:c+16+32-heapbase+min(cnt,40)])
    elif k.startswith('G:'):
        samples[('gen',sz)].append(data[c+16-heapbase:c+16+64-heapbase])
for key in [('str',96),('str',112),('str',544),('str',80),('str',1088),('u8',128),('gen',144),('gen',128)]:
    xs=samples.get(key,[])
    print(key,len(xs))
    for x in random.sample(xs,min(6,len(xs))): print('   ',x[:90])
print("---- other samples")
oth=collections.defaultdict(list)
for (c,sz),u in zip(chunks,inuse):
    if not u or not (c//PAGE in sparse): continue
    if kind(c,sz)=='other' and sz in (32,48,64,96,112):
        oth[sz].append(data[c+16-heapbase:c+sz-heapbase])
for sz in (32,48,64,96,112):
    xs=oth[sz]; print(sz,len(xs))
    for x in random.sample(xs,min(5,len(xs))): print('   ',x.hex()[:96], x[:48])
