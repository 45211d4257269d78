#!/usr/bin/env python3
"""Writes a synthetic AWS catalog of N rows (SkyPilot's AWS layout) for start-up benchmarks. Not shipped."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
out = sys.argv[2] if len(sys.argv) > 2 else "vms.csv"
rnd = random.Random(42)
regions = [f"r{i}-{d}-1" for i, d in enumerate(["east", "west", "north", "south", "central"] * 4)]
gpus = [("", 0), ("T4", 1), ("T4", 4), ("A100", 8), ("V100", 1), ("V100", 4), ("H100", 8), ("L4", 1)]
with open(out, "w") as f:
    f.write("# synthetic benchmark catalog\n")
    f.write("InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone,Arch\n")
    for i in range(n):
        acc, cnt = gpus[i % len(gpus)]
        vcpu = 2 ** rnd.randint(1, 7)
        mem = vcpu * rnd.choice([2, 4, 8])
        region = regions[i % len(regions)]
        zone = region + "abc"[i % 3]
        price = round(vcpu * 0.05 + cnt * 1.1 + rnd.random(), 4)
        spot = round(price * 0.35, 4)
        gpuinfo = ""
        if acc:
            gpuinfo = "\"{'Gpus': [{'Name': '%s', 'Manufacturer': 'NVIDIA', 'Count': %d, 'MemoryInfo': {'SizeInMiB': 16384}}], 'TotalGpuMemoryInMiB': %d}\"" % (acc, cnt, 16384 * cnt)
        f.write(f"syn{i % 997}.x{i // 997}large,{acc},{cnt if acc else ''},{vcpu}.0,{mem}.0,{gpuinfo},{price},{spot},{region},{zone},x86_64\n")
