"""Prints make bench's result beside the peers' medians and the targets."""
import json
import os
import sys

TARGETS = [  # key, target, higher is better
    ("spawn.spawn_p50_ms", 0.5, False),
    ("burst_500.all_ready_ms", 150, False),
    ("memory.pss_per_worker_mb", 0.5, False),
    ("pingpong.rtt_p50_us", 20, False),
    ("pingpong_direct.rtt_p50_us", 20, False),
    ("tp_small.msgs_per_s", 600000, True),
    ("tp_64k.mb_per_s", 5000, True),
    ("tp_64k_ring.mb_per_s", 5000, True),
    ("spawn.terminate_p50_ms", 0.3, False),
    # the daemon's own memory with BENCH_SCALE_N (10,000) idle workers
    ("scale.daemon_rss_mb", 64, False),
    # first and cached load of a 200-module package, as multiples of Node 20's time
    ("coldload.first_vs_node", 3, False),
    ("coldload.cached_vs_node", 1.5, False),
]


def flatten(r):
    out = {}
    for sec, val in r.items():
        if sec == "burst":
            for b in val:
                for k, v in b.items():
                    out["burst_%s.%s" % (b["n"], k)] = v
        elif isinstance(val, dict):
            for k, v in val.items():
                out[sec + "." + k] = v
    return out


def main():
    res = flatten(json.load(open(sys.argv[1])))
    peers = {}
    pfile = os.path.join(os.path.dirname(__file__), "../../../shared/bench/peers/results.json")
    if os.path.exists(pfile):
        peers = json.load(open(pfile)).get("medians", {})
    names = [p for p in ("bun-worker", "node-worker_threads") if p in peers]
    print("| key | workersd | target | " + " | ".join(names) + " |")
    print("|---|--:|--:|" + "--:|" * len(names))
    for key, target, higher in TARGETS:
        v = res.get(key)
        ok = v is not None and (v >= target if higher else v <= target)
        row = [key, "%s%s" % (v, "" if ok else " (miss)"), ("≥ " if higher else "≤ ") + str(target)]
        row += [str(peers[p].get(key, "")) for p in names]
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
