package dev.sky.optimizer.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns strings straight from byte ranges, so the thousands of repeated regions, zones, instance types and GpuInfo
 * dicts in a catalog become a few hundred String objects and no per-field garbage. An entry remembers the bytes it
 * came from and is matched with a vectorized {@link Arrays#equals(byte[], int, int, byte[], int, int)}; long values
 * are hashed on their ends only, which is enough to tell GpuInfo dicts apart.
 */
final class StringPool {
    private static final int FULL_HASH_LIMIT = 32;

    private String[] strings = new String[256];
    private int[] hashes = new int[256];
    private byte[][] sources = new byte[256][];
    private int[] offsets = new int[256];
    private int[] lengths = new int[256];
    private int size;

    /**
     * The pooled string for {@code bytes[from, to)}. Pass {@code stable = false} when the array is reused later
     * (the scanner's scratch buffer), so that the entry keeps a copy.
     */
    String intern(byte[] bytes, int from, int to, boolean stable) {
        int length = to - from;
        int hash = hash(bytes, from, to);
        int mask = strings.length - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (true) {
            String candidate = strings[slot];
            if (candidate == null) {
                byte[] source = stable ? bytes : Arrays.copyOfRange(bytes, from, to);
                int offset = stable ? from : 0;
                strings[slot] = new String(bytes, from, length, StandardCharsets.UTF_8);
                hashes[slot] = hash;
                sources[slot] = source;
                offsets[slot] = offset;
                lengths[slot] = length;
                String text = strings[slot];
                if (++size * 2 > strings.length) {
                    grow();
                }
                return text;
            }
            if (hashes[slot] == hash && lengths[slot] == length
                    && Arrays.equals(sources[slot], offsets[slot], offsets[slot] + length, bytes, from, to)) {
                return candidate;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static int hash(byte[] bytes, int from, int to) {
        int length = to - from;
        int hash = length;
        if (length <= FULL_HASH_LIMIT) {
            for (int i = from; i < to; i++) {
                hash = 31 * hash + bytes[i];
            }
            return hash;
        }
        for (int i = from; i < from + 16; i++) {
            hash = 31 * hash + bytes[i];
        }
        for (int i = to - 16; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    private void grow() {
        String[] oldStrings = strings;
        int[] oldHashes = hashes;
        byte[][] oldSources = sources;
        int[] oldOffsets = offsets;
        int[] oldLengths = lengths;
        int capacity = oldStrings.length * 2;
        strings = new String[capacity];
        hashes = new int[capacity];
        sources = new byte[capacity][];
        offsets = new int[capacity];
        lengths = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldStrings.length; i++) {
            if (oldStrings[i] != null) {
                int slot = (oldHashes[i] ^ (oldHashes[i] >>> 16)) & mask;
                while (strings[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                strings[slot] = oldStrings[i];
                hashes[slot] = oldHashes[i];
                sources[slot] = oldSources[i];
                offsets[slot] = oldOffsets[i];
                lengths[slot] = oldLengths[i];
            }
        }
    }
}
