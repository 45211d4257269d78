package dev.sky.optimizer.catalog;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code vms.csv} price catalog in SkyPilot's layout for any of AWS, GCP and Azure: the header names the
 * columns, {@code #} lines are comments (the first date in them becomes {@link Catalog#date()}), quoted fields may
 * hold commas, and an empty price means "not offered" (NaN). A user's file under
 * {@code SKY_HOME/catalogs/<cloud>/vms.csv} replaces the bundled one. A malformed file gives a {@link SkyException}
 * (exit 2) whose message starts with {@code file:line:column:}. Loading writes nothing: a binary cache was measured
 * and read a 50,000-row file barely faster than this parser does, so there is none (see docs/catalogs.md).
 */
public final class CatalogLoader {
    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");
    /** Parsed catalogs of this process, keyed by where they came from and, for files, their size and mtime. */
    private static final Map<String, Catalog> LOADED = new ConcurrentHashMap<>();

    private CatalogLoader() {}

    /** Loads a catalog file; its path is the catalog's source and the prefix of any error. */
    public static Catalog load(String cloud, Path csv) {
        byte[] data;
        try {
            data = Files.readAllBytes(csv);
        } catch (NoSuchFileException e) {
            throw SkyException.invalidInput(csv + ": no such catalog file");
        } catch (IOException e) {
            throw new SkyException(ExitCode.GENERIC, csv + ": cannot read the catalog: " + e.getMessage(), e);
        }
        return parse(cloud, data, csv.toString(), csv.toString());
    }

    /** Loads a catalog from a stream (read to its end, not closed); {@code source} names it in the Catalog and errors. */
    public static Catalog load(String cloud, InputStream in, String source) {
        byte[] data;
        try {
            data = in.readAllBytes();
        } catch (IOException e) {
            throw new SkyException(ExitCode.GENERIC, source + ": cannot read the catalog: " + e.getMessage(), e);
        }
        return parse(cloud, data, source, source);
    }

    /**
     * The catalog a cloud should use: {@code SKY_HOME/catalogs/<cloud>/vms.csv} when the user put one there, else the
     * resource {@code catalogs/<cloud>/vms.csv} of {@code classLoader} (the cloud module's bundled file). Each file is
     * parsed once per process, and again only if its size or modification time changes.
     */
    public static Catalog forCloud(String cloud, SkyPaths paths, ClassLoader classLoader) {
        Path user = paths.userCatalog(cloud);
        BasicFileAttributes attributes = attributesOrNull(user);
        if (attributes != null && attributes.isRegularFile()) {
            String key = cloud + "|" + user + "|" + attributes.size() + "|"
                    + attributes.lastModifiedTime().toInstant();
            return LOADED.computeIfAbsent(key, k -> load(cloud, user));
        }
        String resource = bundledResource(cloud);
        URL url = classLoader.getResource(resource);
        if (url == null) {
            throw new SkyException(ExitCode.GENERIC, "no price catalog for " + cloud + ": " + user
                    + " does not exist and no bundled " + resource + " is on the classpath");
        }
        return LOADED.computeIfAbsent(cloud + "|" + url, k -> {
            try (InputStream in = url.openStream()) {
                return parse(cloud, in.readAllBytes(), "bundled", "bundled " + resource);
            } catch (IOException e) {
                throw new SkyException(ExitCode.GENERIC, "bundled " + resource + ": cannot read: " + e.getMessage(), e);
            }
        });
    }

    /** The classpath name of a cloud's bundled catalog. */
    public static String bundledResource(String cloud) {
        return "catalogs/" + cloud + "/vms.csv";
    }

    static Catalog parse(String cloud, byte[] data, String source, String shownAs) {
        CsvScanner scanner = new CsvScanner(data, shownAs);
        try {
            if (!scanner.next()) {
                throw new CatalogFormatException(1, 1, "the catalog is empty; expected a header line such as "
                        + String.join(",", CatalogColumns.KNOWN.subList(0, 10)));
            }
            CatalogColumns columns = CatalogColumns.read(scanner);
            List<CatalogRow> rows = readRows(scanner, columns, data.length);
            return new Catalog(cloud, rows, source, dateIn(scanner.comments()));
        } catch (CatalogFormatException e) {
            throw SkyException.invalidInput(shownAs + ":" + e.line() + ":" + e.column() + ": " + e.getMessage());
        }
    }

    private static List<CatalogRow> readRows(CsvScanner scanner, CatalogColumns c, int bytes) {
        List<CatalogRow> rows = new ArrayList<>(Math.max(16, bytes / 90));
        StringPool names = new StringPool();
        StringPool places = new StringPool();
        StringPool gpuTexts = new StringPool();
        Map<String, GpuInfo> gpuInfos = new HashMap<>();
        while (scanner.next()) {
            if (scanner.fieldCount() != c.count) {
                throw new CatalogFormatException(scanner.recordLine(), 1, "expected " + c.count
                        + " fields as in the header, found " + scanner.fieldCount());
            }
            String instanceType = string(scanner, c.instanceType, names);
            String accelerator = string(scanner, c.acceleratorName, names);
            String region = string(scanner, c.region, places);
            if (region == null) {
                throw new CatalogFormatException(scanner.line(c.region), scanner.column(c.region), "Region is empty");
            }
            if (instanceType == null && accelerator == null) {
                throw new CatalogFormatException(scanner.recordLine(), 1,
                        "the row has neither an InstanceType nor an AcceleratorName");
            }
            GpuInfo gpu = GpuInfo.NONE;
            String gpuText = string(scanner, c.gpuInfo, gpuTexts);
            if (gpuText != null) {
                gpu = gpuInfos.get(gpuText);
                if (gpu == null) {
                    gpu = gpuInfo(scanner, c.gpuInfo, gpuText);
                    gpuInfos.put(gpuText, gpu);
                }
            }
            double count = number(scanner, c.acceleratorCount, "AcceleratorCount");
            rows.add(new CatalogRow(instanceType == null ? "" : instanceType, accelerator,
                    accelerator == null || Double.isNaN(count) ? 0 : count,
                    number(scanner, c.vcpus, "vCPUs"), number(scanner, c.memoryGb, "MemoryGiB"), gpu.memoryGb(),
                    gpu.manufacturer(), number(scanner, c.price, "Price"), number(scanner, c.spotPrice, "SpotPrice"),
                    region, string(scanner, c.zone, places)));
        }
        return rows;
    }

    /** The pooled text of a field; null when the column is absent or the field is empty. */
    private static String string(CsvScanner scanner, int field, StringPool pool) {
        if (field < 0 || scanner.isEmpty(field)) {
            return null;
        }
        return pool.intern(scanner.bytes(field), scanner.start(field), scanner.end(field), scanner.stable(field));
    }

    private static double number(CsvScanner scanner, int field, String column) {
        if (field < 0) {
            return Double.NaN;
        }
        try {
            return DecimalParser.parse(scanner.bytes(field), scanner.start(field), scanner.end(field));
        } catch (NumberFormatException e) {
            throw new CatalogFormatException(scanner.line(field), scanner.column(field),
                    column + " '" + scanner.text(field) + "' is not a number");
        }
    }

    private static GpuInfo gpuInfo(CsvScanner scanner, int field, String text) {
        try {
            return GpuInfo.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CatalogFormatException(scanner.line(field), scanner.column(field),
                    "GpuInfo is not a valid Python literal (" + e.getMessage() + ")");
        }
    }

    /** The date in the header comment: the one after "as of" if there is one, else the first date in any comment. */
    static String dateIn(List<String> comments) {
        String first = null;
        for (String comment : comments) {
            int asOf = comment.indexOf("as of");
            Matcher m = DATE.matcher(comment);
            while (m.find()) {
                if (asOf >= 0 && m.start() > asOf) {
                    return m.group(1);
                }
                if (first == null) {
                    first = m.group(1);
                }
            }
        }
        return first;
    }

    private static BasicFileAttributes attributesOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
