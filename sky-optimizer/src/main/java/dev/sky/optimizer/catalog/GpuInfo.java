package dev.sky.optimizer.catalog;

import java.util.List;
import java.util.Map;

/**
 * What a catalog's GpuInfo column says about one accelerator. SkyPilot writes it as a Python-literal dict
 * ({@code {'Gpus': [{'Name': 'V100', 'Manufacturer': 'NVIDIA', 'Count': 1, 'MemoryInfo': {'SizeInMiB': 16384}}],
 * ...}}); its GCP file leaves out Name and Manufacturer, and its Azure file and GCP TPU rows hold a bare name.
 *
 * @param name the accelerator name, or null
 * @param manufacturer e.g. {@code NVIDIA}, or null when the column does not say
 * @param memoryGb device memory of one accelerator in GiB ({@code SizeInMiB / 1024}), or NaN
 */
record GpuInfo(String name, String manufacturer, double memoryGb) {
    static final GpuInfo NONE = new GpuInfo(null, null, Double.NaN);

    /**
     * Reads the column's text. A bare word is taken as a name. A dict that does not parse is an error, reported as
     * an IllegalArgumentException with the reason.
     */
    static GpuInfo parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return NONE;
        }
        if (trimmed.charAt(0) != '{') {
            return new GpuInfo(trimmed, null, Double.NaN);
        }
        Object literal = PythonLiteral.parse(trimmed);
        if (!(literal instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException("expected a dict");
        }
        if (!(top.get("Gpus") instanceof List<?> gpus) || gpus.isEmpty() || !(gpus.get(0) instanceof Map<?, ?> gpu)) {
            return NONE;
        }
        String name = gpu.get("Name") instanceof String s ? s : null;
        String manufacturer = gpu.get("Manufacturer") instanceof String s ? s : null;
        double memory = Double.NaN;
        if (gpu.get("MemoryInfo") instanceof Map<?, ?> info && info.get("SizeInMiB") instanceof Number mib) {
            memory = mib.doubleValue() / 1024.0;
        }
        return new GpuInfo(name, manufacturer, memory);
    }
}
