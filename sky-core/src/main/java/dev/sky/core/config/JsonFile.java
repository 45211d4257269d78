package dev.sky.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads small JSON files that other tools write (gcloud credentials, azureProfile.json) with the YAML parser
 * sky already has: JSON is YAML 1.2. Exception messages never quote the file's content, which may hold secrets.
 */
public final class JsonFile {
    private JsonFile() {}

    /** The top-level object of the file. */
    public static Map<String, Object> readObject(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the Azure CLI writes a byte-order mark
        }
        // JSON never has a raw tab inside a string, so tabs are whitespace; YAML would reject them as indentation.
        text = text.replace('\t', ' ');
        Object value;
        try {
            value = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IOException(file + " is not valid JSON");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException(file + " does not hold a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        return m;
    }

    /** A non-blank string field, or null. */
    public static String string(Map<String, Object> object, String key) {
        Object v = object.get(key);
        return v instanceof String s && !s.isBlank() ? s : null;
    }
}
