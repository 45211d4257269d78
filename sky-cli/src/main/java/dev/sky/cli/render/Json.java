package dev.sky.cli.render;

/** sky's JSON writer lives in sky-core ({@link dev.sky.core.json.Json}); this name stays for the renderers. */
public final class Json {
    private Json() {}

    /** One line of JSON. */
    public static String write(Object value) {
        return dev.sky.core.json.Json.write(value);
    }
}
