package dev.sky.optimizer.catalog;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed user catalog kept in binary under {@code SKY_HOME/cache/catalogs}, so that a large user file (SkyPilot's
 * AWS file has about 50,000 rows) is parsed once rather than on every command. An entry is keyed by the CSV's
 * path, size and modification time, which are stored inside it and checked on read; anything that does not match
 * or does not read cleanly is ignored, and the caller parses the CSV again. Files are 0600, the folder 0700.
 */
final class CatalogCache {
    private static final long MAGIC = 0x534b59434154_0001L; // "SKYCAT" and the format version

    private final Path folder;

    CatalogCache(Path folder) {
        this.folder = folder;
    }

    /** The cached catalog for this exact file version, or null. */
    Catalog read(String cloud, Path csv, long size, String modified) {
        Path entry = entryFor(cloud, csv);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry);
        } catch (IOException e) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.getLong() != MAGIC || !csv.toString().equals(string(in)) || in.getLong() != size
                    || !modified.equals(string(in))) {
                return null;
            }
            String date = string(in);
            int stringCount = in.getInt();
            if (stringCount < 0 || stringCount > bytes.length / 4) {
                return null;
            }
            String[] strings = new String[stringCount];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = string(in);
            }
            int count = in.getInt();
            if (count < 0 || count > bytes.length / 72) {
                return null;
            }
            List<CatalogRow> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String instanceType = strings[in.getInt()];
                String accelerator = pick(strings, in.getInt());
                double acceleratorCount = in.getDouble();
                double vcpus = in.getDouble();
                double memory = in.getDouble();
                double gpuMemory = in.getDouble();
                String manufacturer = pick(strings, in.getInt());
                double price = in.getDouble();
                double spot = in.getDouble();
                String region = strings[in.getInt()];
                String zone = pick(strings, in.getInt());
                rows.add(new CatalogRow(instanceType, accelerator, acceleratorCount, vcpus, memory, gpuMemory,
                        manufacturer, price, spot, region, zone));
            }
            return in.hasRemaining() ? null : new Catalog(cloud, rows, csv.toString(), date);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Stores a parsed catalog; a failure to write only means the next command parses the CSV again. */
    void write(Catalog catalog, Path csv, long size, String modified) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> strings = new ArrayList<>();
        int[] refs = new int[catalog.rows().size() * 5];
        int r = 0;
        for (CatalogRow row : catalog.rows()) {
            refs[r++] = id(row.instanceType(), ids, strings);
            refs[r++] = id(row.acceleratorName(), ids, strings);
            refs[r++] = id(row.gpuManufacturer(), ids, strings);
            refs[r++] = id(row.region(), ids, strings);
            refs[r++] = id(row.zone(), ids, strings);
        }
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + catalog.rows().size() * 72);
            DataOutputStream out = new DataOutputStream(buffer);
            out.writeLong(MAGIC);
            string(out, csv.toString());
            out.writeLong(size);
            string(out, modified);
            string(out, catalog.date());
            out.writeInt(strings.size());
            for (String s : strings) {
                string(out, s);
            }
            out.writeInt(catalog.rows().size());
            r = 0;
            for (CatalogRow row : catalog.rows()) {
                out.writeInt(refs[r++]);
                out.writeInt(refs[r++]);
                out.writeDouble(row.acceleratorCount());
                out.writeDouble(row.vcpus());
                out.writeDouble(row.memoryGb());
                out.writeDouble(row.gpuMemoryGb());
                out.writeInt(refs[r++]);
                out.writeDouble(row.price());
                out.writeDouble(row.spotPrice());
                out.writeInt(refs[r++]);
                out.writeInt(refs[r++]);
            }
            out.flush();
            store(entryFor(catalog.cloud(), csv), buffer.toByteArray());
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort by design: the CSV stays the source of truth.
        }
    }

    Path entryFor(String cloud, Path csv) {
        String key = csv.toAbsolutePath().toString();
        long hash = 1125899906842597L;
        for (int i = 0; i < key.length(); i++) {
            hash = 31 * hash + key.charAt(i);
        }
        return folder.resolve(cloud + "-" + Long.toHexString(hash) + ".bin");
    }

    private void store(Path entry, byte[] bytes) throws IOException {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path temp = Files.createTempFile(folder, ".catalog", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static int id(String value, Map<String, Integer> ids, List<String> strings) {
        if (value == null) {
            return -1;
        }
        return ids.computeIfAbsent(value, v -> {
            strings.add(v);
            return strings.size() - 1;
        });
    }

    private static String pick(String[] strings, int id) {
        return id < 0 ? null : strings[id];
    }

    /** Length-prefixed UTF-8; length -1 is null. */
    private static void string(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}
