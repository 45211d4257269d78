"""Azure price tables for the bundled catalog: public pay-as-you-go Linux list prices in eastus, USD per hour.

Azure has no zones in SkyPilot's layout; a Generation column holds the Hyper-V generations a size supports.
Other regions use REGIONS' multipliers; spot is a stable fraction within SPOT_FRACTION, and sizes Azure sells no
spot capacity for carry an empty SpotPrice.
"""

REGIONS = {
    "eastus": 1.00,
    "eastus2": 1.00,
    "westus2": 1.00,
    "westus3": 1.00,
    "centralus": 1.13,
    "southcentralus": 1.10,
    "northeurope": 1.09,
    "westeurope": 1.17,
}
ALL = list(REGIONS)

SPOT_FRACTION = {"cpu": (0.10, 0.22), "gpu": (0.10, 0.30)}

DEVICES = {
    "T4": ("NVIDIA", 16384),
    "V100": ("NVIDIA", 16384),
    "V100-32GB": ("NVIDIA", 32768),
    "A100": ("NVIDIA", 40960),
    "A100-80GB": ("NVIDIA", 81920),
    "A10": ("NVIDIA", 24576),
    "H100": ("NVIDIA", 81920),
    "H200": ("NVIDIA", 143771),
}

# (size, vCPUs, MemoryGiB, eastus price, accelerator, count, generation, regions, spot offered)
GPU_SIZES = [
    ("Standard_NC6s_v3", 6, 112, 3.06, "V100", 1, "V1,V2", ALL, True),
    ("Standard_NC12s_v3", 12, 224, 6.12, "V100", 2, "V1,V2", ALL, True),
    ("Standard_NC24s_v3", 24, 448, 12.24, "V100", 4, "V1,V2", ALL, True),
    ("Standard_NC24rs_v3", 24, 448, 13.464, "V100", 4, "V1,V2", ["eastus", "westus2", "southcentralus", "westeurope"], True),
    ("Standard_NC4as_T4_v3", 4, 28, 0.526, "T4", 1, "V1,V2", ALL, True),
    ("Standard_NC8as_T4_v3", 8, 56, 0.752, "T4", 1, "V1,V2", ALL, True),
    ("Standard_NC16as_T4_v3", 16, 110, 1.204, "T4", 1, "V1,V2", ALL, True),
    ("Standard_NC64as_T4_v3", 64, 440, 4.352, "T4", 4, "V1,V2", ALL, True),
    ("Standard_NC24ads_A100_v4", 24, 220, 3.673, "A100-80GB", 1, "V2", ALL, True),
    ("Standard_NC48ads_A100_v4", 48, 440, 7.346, "A100-80GB", 2, "V2", ALL, True),
    ("Standard_NC96ads_A100_v4", 96, 880, 14.692, "A100-80GB", 4, "V2", ALL, True),
    ("Standard_NC40ads_H100_v5", 40, 320, 6.98, "H100", 1, "V2", ["eastus", "eastus2", "westus3", "southcentralus"], True),
    ("Standard_NC80adis_H100_v5", 80, 640, 13.96, "H100", 2, "V2", ["eastus", "eastus2", "westus3", "southcentralus"], True),
    ("Standard_ND40rs_v2", 40, 672, 22.032, "V100-32GB", 8, "V2", ["eastus", "westus2", "southcentralus", "westeurope"], True),
    ("Standard_ND96asr_v4", 96, 900, 27.197, "A100", 8, "V2", ["eastus", "westus2", "southcentralus", "westeurope"], True),
    ("Standard_ND96amsr_A100_v4", 96, 1900, 32.77, "A100-80GB", 8, "V2", ["eastus", "eastus2", "southcentralus", "westeurope"], True),
    # No spot capacity is sold for the H100 ND v5 size.
    ("Standard_ND96isr_H100_v5", 96, 1900, 98.32, "H100", 8, "V2", ["eastus", "eastus2", "westus3", "southcentralus"], False),
    # Nor for the H200 ND v5 size.
    ("Standard_ND96isr_H200_v5", 96, 1850, 110.24, "H200", 8, "V2", ["eastus2", "westus3", "southcentralus"], False),
    ("Standard_NV36ads_A10_v5", 36, 440, 3.20, "A10", 1, "V1,V2", ALL, True),
    ("Standard_NV36adms_A10_v5", 36, 880, 4.52, "A10", 1, "V1,V2", ALL, True),
    ("Standard_NV72ads_A10_v5", 72, 880, 6.52, "A10", 2, "V1,V2", ALL, True),
]

# Size pattern -> (GiB per vCPU, eastus price per vCPU, vCPU sizes)
CPU_FAMILIES = {
    "Standard_D{n}s_v5": (4, 0.048, [2, 4, 8, 16, 32, 48, 64, 96]),
    "Standard_E{n}s_v5": (8, 0.063, [2, 4, 8, 16, 20, 32, 48, 64, 96]),
    "Standard_F{n}s_v2": (2, 0.0423, [2, 4, 8, 16, 32, 48, 64, 72]),
    "Standard_D{n}ads_v5": (4, 0.0515, [2, 4, 8, 16, 32, 48, 64, 96]),
}

# Image aliases resolved at launch: marketplace URNs with version "latest".
IMAGES = {
    "skypilot:cpu-ubuntu-2204": "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest",
    "skypilot:cpu-ubuntu-2404": "Canonical:ubuntu-24_04-lts:server:latest",
    "skypilot:gpu-ubuntu-2204": "microsoft-dsvm:ubuntu-hpc:2204:latest",
}
