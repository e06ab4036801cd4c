"""Cross-checks deferred acceptance from both sides against the Python `matching` library.

Random hospital-resident instances (strict, incomplete lists, capacities 1-3) are written as
`matching` JSON, imported with `redeploy instance import`, run with `--rule deferred-acceptance` and
`--rule deferred-acceptance-posts`, and compared with the library's resident- and
hospital-optimal matchings (through a peer script that reads the same JSON). Instances the peer
cannot read (a player left with no mutually acceptable partner) are skipped.

    pip install matching==1.4.3
    cd SCRATCH_DIR   # the script writes i.json and i.toml here
    python3 REPO/tests/peer/matching_cross_check.py 300 REPO/target/debug/redeploy PATH/TO/stable_peer.py
"""
import json, random, subprocess, sys
R = sys.argv[2] if len(sys.argv) > 2 else "target/debug/redeploy"
PEER = sys.argv[3] if len(sys.argv) > 3 else "stable_peer.py"
random.seed(7)
bad = 0
skipped = 0
N = int(sys.argv[1])
for k in range(N):
    n, m = random.randint(2, 12), random.randint(1, 6)
    P = [f"p{i}" for i in range(n)]; V = [f"v{j}" for j in range(m)]
    def pick(xs):
        xs = random.sample(xs, len(xs))
        return [x for x in xs if random.random() > 0.15]
    props = {p: pick(V) for p in P}
    recs = {v: pick(P) for v in V}
    caps = {v: random.randint(1, 3) for v in V}
    json.dump({"proposers": props, "receivers": recs, "capacities": caps}, open("i.json", "w"))
    run = subprocess.run(["python3", PEER, "i.json"], capture_output=True, text=True)
    if run.returncode != 0:
        skipped += 1; continue
    peer = json.loads(run.stdout)
    subprocess.run([R, "instance", "import", "i.json", "--out", "i.toml", "--force"], capture_output=True, check=True)
    for rule, key in (("deferred-acceptance", "proposer_optimal"), ("deferred-acceptance-posts", "receiver_optimal")):
        out = subprocess.run([R, "run", "i.toml", "--rule", rule, "--format", "json"], capture_output=True, text=True, check=True).stdout
        ours = {p: None for p in P}
        for pl in json.loads(out)["placements"]:
            ours[pl["person"]] = pl["vacancy"]
        if ours != peer[key]:
            bad += 1; print("MISMATCH", k, rule, ours, peer[key])
print(f"{N} instances ({skipped} the peer cannot read) x 2 sides, mismatches: {bad}")
