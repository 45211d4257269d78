"""AWS price tables for the bundled catalog: public on-demand list prices, Linux, us-east-1, USD per hour.

Other regions are priced with REGIONS' multipliers. Spot prices are not published as list prices; the generator
writes them as a stable per-(type, zone) fraction of on-demand within SPOT_FRACTION.
"""

# region -> (multiplier over us-east-1, zone names). Zone NAMES (us-east-1a), not zone IDs.
REGIONS = {
    "us-east-1": (1.00, ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f"]),
    "us-east-2": (1.00, ["us-east-2a", "us-east-2b", "us-east-2c"]),
    "us-west-1": (1.17, ["us-west-1a", "us-west-1c"]),
    "us-west-2": (1.00, ["us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"]),
    "eu-west-1": (1.11, ["eu-west-1a", "eu-west-1b", "eu-west-1c"]),
    "eu-central-1": (1.19, ["eu-central-1a", "eu-central-1b", "eu-central-1c"]),
    "ap-northeast-1": (1.29, ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]),
    "ap-southeast-1": (1.25, ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]),
}
ALL = list(REGIONS)

# Spot as a fraction of on-demand: (low, high), by kind.
SPOT_FRACTION = {"cpu": (0.30, 0.48), "gpu": (0.28, 0.60)}

# Accelerator name -> (manufacturer, device memory MiB), as EC2 DescribeInstanceTypes reports them.
DEVICES = {
    "V100": ("NVIDIA", 16384),
    "A100": ("NVIDIA", 40960),
    "A100-80GB": ("NVIDIA", 81920),
    "H100": ("NVIDIA", 81920),
    "H200": ("NVIDIA", 143771),
    "T4": ("NVIDIA", 16384),
    "A10G": ("NVIDIA", 24576),
    "L4": ("NVIDIA", 22888),
    "L40S": ("NVIDIA", 45776),
    "Inferentia2": ("AWS", 32768),
    "Trainium": ("AWS", 32768),
}

# family -> (regions, zones per region (None: all), [(size, vCPUs, MemoryGiB, price, accelerator, count)])
GPU_FAMILIES = {
    "p3": (["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-1"], 3, [
        ("2xlarge", 8, 61, 3.06, "V100", 1),
        ("8xlarge", 32, 244, 12.24, "V100", 4),
        ("16xlarge", 64, 488, 24.48, "V100", 8),
    ]),
    # P4d/P4de/P5 after AWS's June 2025 on-demand price cut.
    "p4d": (["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1"], 2, [
        ("24xlarge", 96, 1152, 21.96, "A100", 8),
    ]),
    "p4de": (["us-east-1", "us-west-2"], 2, [
        ("24xlarge", 96, 1152, 27.447, "A100-80GB", 8),
    ]),
    "p5": (["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "ap-northeast-1"], 2, [
        ("4xlarge", 16, 256, 6.88, "H100", 1),
        ("48xlarge", 192, 2048, 55.04, "H100", 8),
    ]),
    # H200 (141 GB): p5e is sold mostly through capacity blocks, p5en adds EFAv3; both after the June 2025 cut.
    "p5e": (["us-east-2", "us-west-2"], 2, [
        ("48xlarge", 192, 2048, 60.40, "H200", 8),
    ]),
    "p5en": (["us-east-1", "us-east-2", "us-west-2", "ap-northeast-1"], 2, [
        ("48xlarge", 192, 2048, 63.296, "H200", 8),
    ]),
    "g4dn": (ALL, None, [
        ("xlarge", 4, 16, 0.526, "T4", 1),
        ("2xlarge", 8, 32, 0.752, "T4", 1),
        ("4xlarge", 16, 64, 1.204, "T4", 1),
        ("8xlarge", 32, 128, 2.176, "T4", 1),
        ("12xlarge", 48, 192, 3.912, "T4", 4),
        ("16xlarge", 64, 256, 4.352, "T4", 1),
        ("metal", 96, 384, 7.824, "T4", 8),
    ]),
    "g5": (ALL, None, [
        ("xlarge", 4, 16, 1.006, "A10G", 1),
        ("2xlarge", 8, 32, 1.212, "A10G", 1),
        ("4xlarge", 16, 64, 1.624, "A10G", 1),
        ("8xlarge", 32, 128, 2.448, "A10G", 1),
        ("12xlarge", 48, 192, 5.672, "A10G", 4),
        ("16xlarge", 64, 256, 4.096, "A10G", 1),
        ("24xlarge", 96, 384, 8.144, "A10G", 4),
        ("48xlarge", 192, 768, 16.288, "A10G", 8),
    ]),
    "g6": (["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-1"], None, [
        ("xlarge", 4, 16, 0.8048, "L4", 1),
        ("2xlarge", 8, 32, 0.9776, "L4", 1),
        ("4xlarge", 16, 64, 1.3232, "L4", 1),
        ("8xlarge", 32, 128, 2.0144, "L4", 1),
        ("12xlarge", 48, 192, 4.6016, "L4", 4),
        ("16xlarge", 64, 256, 3.3968, "L4", 1),
        ("24xlarge", 96, 384, 6.6752, "L4", 4),
        ("48xlarge", 192, 768, 13.3504, "L4", 8),
    ]),
    "g6e": (["us-east-1", "us-east-2", "us-west-2", "eu-central-1", "ap-northeast-1"], None, [
        ("xlarge", 4, 32, 1.861, "L40S", 1),
        ("2xlarge", 8, 64, 2.24208, "L40S", 1),
        ("4xlarge", 16, 128, 3.00424, "L40S", 1),
        ("8xlarge", 32, 256, 4.52856, "L40S", 1),
        ("12xlarge", 48, 384, 10.49264, "L40S", 4),
        ("16xlarge", 64, 512, 7.57719, "L40S", 1),
        ("24xlarge", 96, 768, 15.06559, "L40S", 4),
        ("48xlarge", 192, 1536, 30.13118, "L40S", 8),
    ]),
    "inf2": (["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-1"], None, [
        ("xlarge", 4, 16, 0.7582, "Inferentia2", 1),
        ("8xlarge", 32, 128, 1.9679, "Inferentia2", 1),
        ("24xlarge", 96, 384, 6.4906, "Inferentia2", 6),
        ("48xlarge", 192, 768, 12.9813, "Inferentia2", 12),
    ]),
    "trn1": (["us-east-1", "us-east-2", "us-west-2"], 2, [
        ("2xlarge", 8, 32, 1.3438, "Trainium", 1),
        ("32xlarge", 128, 512, 21.50, "Trainium", 16),
    ]),
}

# Standard sizes: size -> vCPUs.
_SIZES = {"large": 2, "xlarge": 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32, "12xlarge": 48, "16xlarge": 64,
          "24xlarge": 96, "32xlarge": 128, "48xlarge": 192}

# family -> (GiB per vCPU, price of the .large size, sizes offered). Prices scale linearly with size on these families.
CPU_FAMILIES = {
    "m6i": (4, 0.096, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"]),
    "m6id": (4, 0.11865, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"]),
    "m7i": (4, 0.1008, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"]),
    "c6i": (2, 0.085, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"]),
    "c6id": (2, 0.1008, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"]),
    "c7i": (2, 0.08925, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"]),
    "r6i": (8, 0.126, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"]),
    "r6id": (8, 0.1512, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"]),
    "r7i": (8, 0.1323, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"]),
    "m5": (4, 0.096, ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"]),
}

# Burstable t3: (size, vCPUs, MemoryGiB, price).
T3 = [
    ("nano", 2, 0.5, 0.0052), ("micro", 2, 1, 0.0104), ("small", 2, 2, 0.0208), ("medium", 2, 4, 0.0416),
    ("large", 2, 8, 0.0832), ("xlarge", 4, 16, 0.1664), ("2xlarge", 8, 32, 0.3328),
]


def cpu_types():
    """(instance type, vCPUs, MemoryGiB, us-east-1 price) for every CPU type."""
    for family, (gib_per_cpu, large_price, sizes) in CPU_FAMILIES.items():
        for size in sizes:
            cpus = _SIZES[size]
            yield f"{family}.{size}", cpus, cpus * gib_per_cpu, large_price * cpus / 2
    for size, cpus, mem, price in T3:
        yield f"t3.{size}", cpus, mem, price


# Image aliases resolved at launch: EC2 accepts "resolve:ssm:<public parameter>" as an ImageId.
IMAGES = {
    "skypilot:cpu-ubuntu-2204": "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
    "skypilot:cpu-ubuntu-2404": "resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
    "skypilot:gpu-ubuntu-2204": "resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id",
    "skypilot:gpu-ubuntu-2404": "resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-24.04/latest/ami-id",
    "skypilot:neuron-ubuntu-2204": "resolve:ssm:/aws/service/neuron/dlami/multi-framework/ubuntu-22.04/latest/image_id",
}
