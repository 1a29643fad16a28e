"""The side-by-side table of make bench PEERS=1 (sidebyside.sh): medians of
every run of workersd and of each peer, and workersd's ratio to each, where
a ratio of 1 or more means workersd is ahead whichever way the key counts."""
import json
import os
import statistics
import sys

from table import flatten

# workersd's key, higher is better, the peers' key it is set against
KEYS = [
    ("spawn.spawn_p50_ms", False, None),
    ("burst_500.all_ready_ms", False, None),
    ("memory.pss_per_worker_mb", False, None),
    ("spawn.terminate_p50_ms", False, None),
    ("pingpong.rtt_p50_us", False, None),
    # the direct channel's round trip against the peers' only one
    ("pingpong_direct.rtt_p50_us", False, "pingpong.rtt_p50_us"),
    ("tp_small.msgs_per_s", True, None),
    ("tp_64k.mb_per_s", True, None),
    # the same posts with their bytes in a post ring, against the peers' one path
    ("tp_64k_ring.mb_per_s", True, "tp_64k.mb_per_s"),
]
PEERS = [("bun-worker", "Bun"), ("node-worker_threads", "Node")]


def median(values):
    values = [v for v in values if isinstance(v, (int, float))]
    return statistics.median(values) if values else None


def ratio(ours, theirs, higher):
    if ours is None or theirs is None or ours == 0 or theirs == 0:
        return "-"
    return "%.2f" % (ours / theirs if higher else theirs / ours)


def fmt(v):
    if v is None:
        return "-"
    return "{:,.0f}".format(v) if abs(v) >= 1000 else "%.3g" % v


def main():
    d, runs = sys.argv[1], int(sys.argv[2])
    ours = [flatten(json.load(open(os.path.join(d, "workersd-%d.json" % r)))) for r in range(1, runs + 1)]
    theirs = {p: [] for p, _ in PEERS}
    versions = {}
    for r in range(1, runs + 1):
        f = os.path.join(d, "peers-%d" % r, "results.json")
        res = json.load(open(f))
        versions = {"bun": res["meta"].get("bun"), "node": res["meta"].get("node")}
        for p, _ in PEERS:
            if p in res.get("medians", {}):
                theirs[p].append(res["medians"][p])
    names = [(p, n) for p, n in PEERS if theirs[p]]
    print("%d alternating runs each; Bun %s, Node %s" % (runs, versions.get("bun") or "absent", versions.get("node")))
    print("| key | workersd | " + " | ".join(n for _, n in names) + " | " +
          " | ".join("vs %s" % n for _, n in names) + " |")
    print("|---|--:|" + "--:|" * (2 * len(names)))
    for key, higher, peer_key in KEYS:
        m = median([r.get(key) for r in ours])
        peer = [median([r.get(peer_key or key) for r in theirs[p]]) for p, _ in names]
        print("| %s | %s | %s | %s |" % (key, fmt(m), " | ".join(fmt(v) for v in peer),
                                          " | ".join(ratio(m, v, higher) for v in peer)))
    print("(ratio >= 1: workersd ahead)")


main()
