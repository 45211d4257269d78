"""GCP price tables for the bundled catalog: public on-demand list prices in us-central1, USD per hour.

As in SkyPilot's GCP catalog, a VM row prices the host alone (its AcceleratorName is empty) and GPUs and TPUs are
separate "attachable" rows with an empty InstanceType. a2/a3/g2 hosts come with fixed GPUs; the host rows exist in
the zones of their GPU rows, and the pairing (a2-highgpu-8g with A100:8, ...) follows SkyPilot's
_ACC_INSTANCE_TYPE_DICTS. Other regions use REGIONS' multipliers; spot is a stable fraction within SPOT_FRACTION.
"""


def _zones(region, letters):
    return [f"{region}-{letter}" for letter in letters]


# region -> (multiplier over us-central1, zones)
REGIONS = {
    "us-central1": (1.00, _zones("us-central1", "abcf")),
    "us-east1": (1.00, _zones("us-east1", "bcd")),
    "us-east4": (1.126, _zones("us-east4", "abc")),
    "us-west1": (1.00, _zones("us-west1", "abc")),
    "us-west4": (1.126, _zones("us-west4", "abc")),
    "europe-west1": (1.10, _zones("europe-west1", "bcd")),
    "europe-west4": (1.10, _zones("europe-west4", "abc")),
    "asia-east1": (1.16, _zones("asia-east1", "abc")),
    "asia-northeast1": (1.285, _zones("asia-northeast1", "abc")),
    "asia-southeast1": (1.233, _zones("asia-southeast1", "abc")),
    # TPU-only regions in this catalog.
    "us-east5": (1.00, _zones("us-east5", "abc")),
    "us-south1": (1.18, _zones("us-south1", "abc")),
    "us-central2": (1.00, _zones("us-central2", "b")),
}
MAIN_REGIONS = [r for r in REGIONS if r not in ("us-east5", "us-south1", "us-central2")]
N4_REGIONS = ["us-central1", "us-east1", "us-east4", "us-west1", "europe-west1", "europe-west4", "asia-northeast1",
              "asia-southeast1"]

SPOT_FRACTION = {"cpu": (0.18, 0.40), "gpu": (0.25, 0.50), "tpu": (0.25, 0.45)}

# series -> (price per vCPU, price per GiB) in us-central1.
CPU_RATES = {"n1": (0.031611, 0.004237), "n2": (0.031611, 0.004237), "n4": (0.030300, 0.004100),
             "e2": (0.021811, 0.002923), "g2": (0.024890, 0.002913)}

# family -> (GiB per vCPU, vCPU sizes, regions)
CPU_FAMILIES = {
    "n1-standard": (3.75, [1, 2, 4, 8, 16, 32, 64, 96], MAIN_REGIONS),
    "n1-highmem": (6.5, [2, 4, 8, 16, 32, 64, 96], MAIN_REGIONS),
    "n1-highcpu": (0.9, [2, 4, 8, 16, 32, 64, 96], MAIN_REGIONS),
    "n2-standard": (4, [2, 4, 8, 16, 32, 48, 64, 80, 96, 128], MAIN_REGIONS),
    "n2-highmem": (8, [2, 4, 8, 16, 32, 48, 64, 80, 96, 128], MAIN_REGIONS),
    "n2-highcpu": (1, [2, 4, 8, 16, 32, 48, 64, 80, 96], MAIN_REGIONS),
    "n4-standard": (4, [2, 4, 8, 16, 32, 48, 64, 80], N4_REGIONS),
    "n4-highmem": (8, [2, 4, 8, 16, 32, 48, 64, 80], N4_REGIONS),
    "n4-highcpu": (2, [2, 4, 8, 16, 32, 48, 64, 80], N4_REGIONS),
    "e2-standard": (4, [2, 4, 8, 16, 32], MAIN_REGIONS),
    "e2-highmem": (8, [2, 4, 8, 16], MAIN_REGIONS),
    "e2-highcpu": (1, [2, 4, 8, 16, 32], MAIN_REGIONS),
}

# GPU -> (manufacturer, device MiB, price per GPU in us-central1, counts offered, zones)
GPUS = {
    "T4": ("NVIDIA", 16384, 0.35, [1, 2, 4],
           ["us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f", "us-east1-c", "us-east1-d",
            "us-east4-a", "us-east4-b", "us-east4-c", "us-west1-a", "us-west1-b", "us-west4-a", "us-west4-b",
            "europe-west1-b", "europe-west1-c", "europe-west1-d", "europe-west4-a", "europe-west4-b", "europe-west4-c",
            "asia-east1-a", "asia-east1-c", "asia-northeast1-a", "asia-northeast1-c", "asia-southeast1-a",
            "asia-southeast1-b", "asia-southeast1-c"]),
    "V100": ("NVIDIA", 16384, 2.48, [1, 2, 4, 8],
             ["us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f", "us-east1-c", "us-west1-a",
              "us-west1-b", "europe-west4-a", "europe-west4-b", "europe-west4-c", "asia-east1-c"]),
    "P100": ("NVIDIA", 16384, 1.46, [1, 2, 4],
             ["us-central1-c", "us-central1-f", "us-east1-b", "us-east1-c", "us-west1-a", "us-west1-b",
              "europe-west1-b", "europe-west1-d", "europe-west4-a", "asia-east1-a", "asia-east1-c"]),
    "P4": ("NVIDIA", 8192, 0.60, [1, 2, 4],
           ["us-central1-a", "us-central1-c", "us-east4-a", "us-east4-b", "us-east4-c", "us-west4-b",
            "europe-west4-b", "europe-west4-c", "asia-southeast1-b", "asia-southeast1-c"]),
    "A100": ("NVIDIA", 40960, 2.933908, [1, 2, 4, 8, 16],
             ["us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f", "us-east1-b", "us-west1-b",
              "us-west4-b", "europe-west4-a", "europe-west4-b", "asia-northeast1-a", "asia-northeast1-c",
              "asia-southeast1-b", "asia-southeast1-c"]),
    "A100-80GB": ("NVIDIA", 81920, 3.9371, [1, 2, 4, 8],
                  ["us-central1-a", "us-central1-c", "us-east4-c", "us-east5-b", "europe-west4-a",
                   "asia-southeast1-c"]),
    "H100": ("NVIDIA", 81920, 9.7966, [1, 2, 4, 8],
             ["us-central1-a", "us-central1-b", "us-central1-c", "us-east4-a", "us-east4-b", "us-east4-c",
              "us-east5-a", "us-west1-a", "us-west1-b", "us-west4-a", "europe-west4-b", "europe-west4-c",
              "asia-northeast1-b", "asia-southeast1-b", "asia-southeast1-c"]),
    # H200 (141 GB) comes only as a3-ultragpu-8g.
    "H200": ("NVIDIA", 143771, 9.10, [8],
             ["us-central1-b", "us-east4-b", "us-east5-a", "us-west1-c", "europe-west1-b"]),
    "L4": ("NVIDIA", 24576, 0.56, [1, 2, 4, 8],
           ["us-central1-a", "us-central1-b", "us-central1-c", "us-east1-b", "us-east1-c", "us-east1-d",
            "us-east4-a", "us-east4-c", "us-west1-a", "us-west1-b", "us-west1-c", "us-west4-a", "us-west4-c",
            "europe-west1-b", "europe-west1-c", "europe-west4-a", "europe-west4-b", "europe-west4-c",
            "asia-east1-a", "asia-east1-b", "asia-east1-c", "asia-northeast1-a", "asia-northeast1-b",
            "asia-northeast1-c", "asia-southeast1-a", "asia-southeast1-b", "asia-southeast1-c"]),
}

# Hosts with built-in GPUs: (instance type, vCPUs, MemoryGiB, host price in us-central1, GPU, count).
# The host price excludes the GPUs, which are priced by their attachable rows.
GPU_HOSTS = [
    ("a2-highgpu-1g", 12, 85, 0.73948, "A100", 1),
    ("a2-highgpu-2g", 24, 170, 1.47895, "A100", 2),
    ("a2-highgpu-4g", 48, 340, 2.95791, "A100", 4),
    ("a2-highgpu-8g", 96, 680, 5.91582, "A100", 8),
    ("a2-megagpu-16g", 96, 1360, 8.79698, "A100", 16),
    ("a2-ultragpu-1g", 12, 170, 1.09962, "A100-80GB", 1),
    ("a2-ultragpu-2g", 24, 340, 2.19924, "A100-80GB", 2),
    ("a2-ultragpu-4g", 48, 680, 4.39849, "A100-80GB", 4),
    ("a2-ultragpu-8g", 96, 1360, 8.79698, "A100-80GB", 8),
    ("a3-highgpu-1g", 26, 234, 1.18251, "H100", 1),
    ("a3-highgpu-2g", 52, 468, 2.36502, "H100", 2),
    ("a3-highgpu-4g", 104, 936, 4.73004, "H100", 4),
    ("a3-highgpu-8g", 208, 1872, 9.46006, "H100", 8),
    ("a3-ultragpu-8g", 224, 2952, 12.0, "H200", 8),
]
# g2 hosts: vCPUs -> L4 count; memory is 4 GiB per vCPU; priced per vCPU and GiB with CPU_RATES["g2"].
G2_SIZES = {4: 1, 8: 1, 12: 1, 16: 1, 24: 2, 32: 1, 48: 4, 96: 8}

# TPU generation -> (price per chip in us-central1, slice sizes as named, chips per named unit, zones).
# SkyPilot names a slice tpu-<gen>-<N>: N counts TensorCores on v4 and v5p (2 per chip) and chips on v5e and v6e.
TPUS = {
    # v2-8 and v3-8 run as TPU VMs or, with accelerator_args.tpu_vm: false, as TPU nodes beside a host VM.
    "v2": (1.125, [8], 0.5, ["us-central1-b", "us-central1-c", "us-central1-f", "europe-west4-a", "asia-east1-c"]),
    "v3": (2.00, [8], 0.5, ["us-central1-a", "us-central1-b", "us-central1-f", "europe-west4-a"]),
    "v4": (3.22, [8, 16, 32, 64, 128, 256], 0.5, ["us-central2-b"]),
    "v5litepod": (1.20, [1, 4, 8, 16, 32, 64, 128, 256], 1.0,
                  ["us-central1-a", "us-east1-c", "us-west4-a", "us-east5-b", "europe-west4-b", "asia-southeast1-b"]),
    "v5p": (4.20, [8, 16, 32, 64, 128], 0.5, ["us-east5-a", "us-central1-a", "europe-west4-b"]),
    "v6e": (2.70, [1, 4, 8, 16, 32, 64, 128, 256], 1.0,
            ["us-east5-b", "us-east1-d", "us-south1-a", "europe-west4-a", "asia-northeast1-b", "us-central1-b"]),
}

# Image aliases resolved at launch: image families always point at the newest image of the family.
IMAGES = {
    "skypilot:cpu-ubuntu-2204": "projects/ubuntu-os-cloud/global/images/family/ubuntu-2204-lts",
    "skypilot:cpu-ubuntu-2404": "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64",
    "skypilot:gpu-ubuntu-2204": "projects/deeplearning-platform-release/global/images/family/common-cu124-ubuntu-2204-py310",
    "skypilot:cpu-debian-12": "projects/debian-cloud/global/images/family/debian-12",
}
