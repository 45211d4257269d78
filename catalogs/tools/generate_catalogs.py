#!/usr/bin/env python3
"""Writes sky's bundled price catalogs, catalogs/<cloud>/vms.csv and images.csv, from the tables in prices_*.py.

Run from anywhere: python3 catalogs/tools/generate_catalogs.py. Output is deterministic: the same tables always give
byte-identical files, so a diff of the CSVs shows exactly which prices changed.

Each vms.csv uses SkyPilot's column layout for its cloud, so a file from SkyPilot's catalog repository and ours are
read by the same loader. The first line is a '#' comment with the date of the prices.
"""

import csv
import io
import os
import sys
import zlib

sys.dont_write_bytecode = True  # keep the repo free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import prices_aws as aws  # noqa: E402
import prices_azure as azure  # noqa: E402
import prices_gcp as gcp  # noqa: E402

PRICES_AS_OF = "2026-11-01"
CATALOGS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def header_comment(display):
    return (f"# sky bundled {display} catalog; public list prices as of {PRICES_AS_OF}; on-demand from the public "
            f"price list; spot estimated as a fraction of on-demand; written by catalogs/tools/generate_catalogs.py\n")


def money(value):
    """A price rounded to 5 decimals, without trailing zeros."""
    text = f"{value:.5f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def number(value):
    """SkyPilot writes vCPUs and memory as floats: 8.0, 3.75."""
    return repr(float(value))


def spot(on_demand, key, fraction):
    """A stable spot price for (type, zone): the same key always gets the same fraction within the range."""
    low, high = fraction
    share = low + (high - low) * (zlib.crc32(key.encode()) % 10000) / 10000.0
    return money(on_demand * share)


def gpu_info(name, manufacturer, count, mib):
    """GpuInfo as SkyPilot writes it: a Python-literal dict."""
    return (f"{{'Gpus': [{{'Name': '{name}', 'Manufacturer': '{manufacturer}', 'Count': {count}, "
            f"'MemoryInfo': {{'SizeInMiB': {mib}}}}}], 'TotalGpuMemoryInMiB': {mib * count}}}")


def write_csv(path, comment, header, rows):
    buffer = io.StringIO()
    buffer.write(comment)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(buffer.getvalue())
    print(f"wrote {os.path.relpath(path, os.path.dirname(CATALOGS))}: {len(rows)} rows")


def aws_rows():
    rows = []
    for family, (regions, zones_per_region, sizes) in aws.GPU_FAMILIES.items():
        for size, cpus, mem, price, acc, count in sizes:
            itype = f"{family}.{size}"
            manufacturer, mib = aws.DEVICES[acc]
            info = gpu_info(acc, manufacturer, count, mib)
            for region in regions:
                mult, zones = aws.REGIONS[region]
                for zone in zones[:zones_per_region]:
                    on_demand = price * mult
                    rows.append([itype, acc, number(count), number(cpus), number(mem), info, money(on_demand),
                                 spot(on_demand, f"{itype}|{zone}", aws.SPOT_FRACTION["gpu"]), region, zone,
                                 "x86_64"])
    for itype, cpus, mem, price in aws.cpu_types():
        for region, (mult, zones) in aws.REGIONS.items():
            for zone in zones:
                on_demand = price * mult
                rows.append([itype, "", "", number(cpus), number(mem), "", money(on_demand),
                             spot(on_demand, f"{itype}|{zone}", aws.SPOT_FRACTION["cpu"]), region, zone, "x86_64"])
    rows.sort(key=lambda r: (r[0], r[8], r[9]))
    return rows


def gcp_vm_row(itype, cpus, mem, price, region, zone, fraction):
    mult = gcp.REGIONS[region][0]
    on_demand = price * mult
    return [itype, number(cpus), number(mem), "", "", "", region, zone, money(on_demand),
            spot(on_demand, f"{itype}|{zone}", fraction)]


def gcp_rows():
    vms, accelerators = [], []
    for family, (gib_per_cpu, sizes, regions) in gcp.CPU_FAMILIES.items():
        per_cpu, per_gib = gcp.CPU_RATES[family.split("-")[0]]
        for cpus in sizes:
            mem = round(cpus * gib_per_cpu, 2)
            for region in regions:
                for zone in gcp.REGIONS[region][1]:
                    vms.append(gcp_vm_row(f"{family}-{cpus}", cpus, mem, cpus * per_cpu + mem * per_gib, region,
                                          zone, gcp.SPOT_FRACTION["cpu"]))
    hosts = list(gcp.GPU_HOSTS)
    per_cpu, per_gib = gcp.CPU_RATES["g2"]
    for cpus, l4s in gcp.G2_SIZES.items():
        hosts.append((f"g2-standard-{cpus}", cpus, cpus * 4, cpus * per_cpu + cpus * 4 * per_gib, "L4", l4s))
    for itype, cpus, mem, price, acc, _count in hosts:
        for zone in gcp.GPUS[acc][4]:
            region = zone.rsplit("-", 1)[0]
            vms.append(gcp_vm_row(itype, cpus, mem, price, region, zone, gcp.SPOT_FRACTION["gpu"]))
    for acc, (manufacturer, mib, unit, counts, zones) in gcp.GPUS.items():
        for count in counts:
            info = gpu_info(acc, manufacturer, count, mib)
            for zone in zones:
                region = zone.rsplit("-", 1)[0]
                on_demand = unit * count * gcp.REGIONS[region][0]
                accelerators.append(["", "", "", acc, str(count), info, region, zone, money(on_demand),
                                     spot(on_demand, f"{acc}:{count}|{zone}", gcp.SPOT_FRACTION["gpu"])])
    for generation, (per_chip, slices, chips_per_unit, zones) in gcp.TPUS.items():
        for size in slices:
            name = f"tpu-{generation}-{size}"
            for zone in zones:
                region = zone.rsplit("-", 1)[0]
                on_demand = per_chip * size * chips_per_unit * gcp.REGIONS[region][0]
                accelerators.append(["", "", "", name, "1", name, region, zone, money(on_demand),
                                     spot(on_demand, f"{name}|{zone}", gcp.SPOT_FRACTION["tpu"])])
    vms.sort(key=lambda r: (r[0], r[6], r[7]))
    return vms + accelerators


def azure_memory(mem):
    return str(int(mem)) if float(mem).is_integer() else repr(float(mem))


def azure_rows():
    rows = []
    for size, cpus, mem, price, acc, count, generation, regions, spot_offered in azure.GPU_SIZES:
        manufacturer, mib = azure.DEVICES[acc]
        info = gpu_info(acc, manufacturer, count, mib)
        for region in regions:
            on_demand = price * azure.REGIONS[region]
            spot_price = spot(on_demand, f"{size}|{region}", azure.SPOT_FRACTION["gpu"]) if spot_offered else ""
            rows.append([size, acc, str(count), number(cpus), azure_memory(mem), info, money(on_demand), spot_price,
                         region, generation])
    for pattern, (gib_per_cpu, per_cpu, sizes) in azure.CPU_FAMILIES.items():
        for cpus in sizes:
            size = pattern.format(n=cpus)
            for region, mult in azure.REGIONS.items():
                on_demand = cpus * per_cpu * mult
                rows.append([size, "", "", number(cpus), azure_memory(cpus * gib_per_cpu), "", money(on_demand),
                             spot(on_demand, f"{size}|{region}", azure.SPOT_FRACTION["cpu"]), region, "V1,V2"])
    rows.sort(key=lambda r: (r[0], r[8]))
    return rows


def image_rows(images, regions):
    return [[tag, region, image] for tag, image in images.items() for region in regions]


def main():
    write_csv(os.path.join(CATALOGS, "aws", "vms.csv"), header_comment("AWS"),
              ["InstanceType", "AcceleratorName", "AcceleratorCount", "vCPUs", "MemoryGiB", "GpuInfo", "Price",
               "SpotPrice", "Region", "AvailabilityZone", "Arch"], aws_rows())
    write_csv(os.path.join(CATALOGS, "gcp", "vms.csv"), header_comment("GCP"),
              ["InstanceType", "vCPUs", "MemoryGiB", "AcceleratorName", "AcceleratorCount", "GpuInfo", "Region",
               "AvailabilityZone", "Price", "SpotPrice"], gcp_rows())
    write_csv(os.path.join(CATALOGS, "azure", "vms.csv"), header_comment("Azure"),
              ["InstanceType", "AcceleratorName", "AcceleratorCount", "vCPUs", "MemoryGiB", "GpuInfo", "Price",
               "SpotPrice", "Region", "Generation"], azure_rows())
    image_comment = "# sky bundled {} image aliases, resolved at launch; as of " + PRICES_AS_OF + "\n"
    write_csv(os.path.join(CATALOGS, "aws", "images.csv"), image_comment.format("AWS"), ["Tag", "Region", "ImageId"],
              image_rows(aws.IMAGES, aws.REGIONS))
    write_csv(os.path.join(CATALOGS, "gcp", "images.csv"), image_comment.format("GCP"), ["Tag", "Region", "ImageId"],
              image_rows(gcp.IMAGES, gcp.REGIONS))
    write_csv(os.path.join(CATALOGS, "azure", "images.csv"), image_comment.format("Azure"),
              ["Tag", "Region", "ImageId"], image_rows(azure.IMAGES, azure.REGIONS))


if __name__ == "__main__":
    main()
