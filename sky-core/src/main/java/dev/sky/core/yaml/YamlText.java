package dev.sky.core.yaml;

import dev.sky.core.SkyException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a task YAML file as text, rejecting bad UTF-8 with the line and column of the first bad byte. */
final class YamlText {
    /** Files larger than this are refused before reading; task YAMLs are kilobytes. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private YamlText() {}

    static String read(Path file, String label) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw SkyException.invalidInput(label + ":1:1: the file is " + size / (1024 * 1024)
                        + " MB; task YAMLs larger than " + MAX_BYTES / (1024 * 1024) + " MB are refused");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw SkyException.invalidInput(label + ": no such file");
        } catch (IOException e) {
            throw SkyException.invalidInput(label + ": cannot read the file: " + e.getMessage());
        }
        return decode(bytes, label);
    }

    /** Decodes UTF-8 (a byte-order mark is dropped); a malformed byte is reported as {@code label:line:col}. */
    static String decode(byte[] bytes, String label) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        // The JDK's lenient decoder is much faster; only text holding U+FFFD needs the strict pass.
        String fast = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw badByte(bytes, start, in.position(), label);
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw badByte(bytes, start, in.position(), label);
        }
        out.flip();
        return out.toString();
    }

    private static SkyException badByte(byte[] bytes, int start, int offset, String label) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        try {
            column = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes, lineStart, offset - lineStart)).length() + 1;
        } catch (CharacterCodingException ignored) {
            // The prefix decoded once already; keep column 1 if it does not now.
        }
        return SkyException.invalidInput(String.format("%s:%d:%d: the file is not valid UTF-8 (byte 0x%02X)",
                label, line, column, bytes[offset] & 0xFF));
    }

    /** 1-based {@code line:col} of a character index in {@code text}. */
    static String lineColumn(String text, int index) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(index, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (text.codePointCount(lineStart, end) + 1);
    }
}
