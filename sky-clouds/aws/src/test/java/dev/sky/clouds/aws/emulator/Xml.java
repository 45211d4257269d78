package dev.sky.clouds.aws.emulator;

import java.util.Map;

/** A minimal XML writer for EC2 and STS responses: elements, escaped text, nothing else. */
final class Xml {
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    Xml open(String tag) {
        out.append('<').append(tag).append('>');
        return this;
    }

    Xml openNs(String tag, String namespace) {
        out.append('<').append(tag).append(" xmlns=\"").append(namespace).append("\">");
        return this;
    }

    Xml close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element with text; nothing when the value is null. */
    Xml leaf(String tag, Object value) {
        if (value != null) {
            out.append('<').append(tag).append('>').append(escape(String.valueOf(value))).append("</")
                    .append(tag).append('>');
        }
        return this;
    }

    Xml empty(String tag) {
        out.append('<').append(tag).append("/>");
        return this;
    }

    /** {@code <tagSet><item><key>k</key><value>v</value></item>...</tagSet>}. */
    Xml tagSet(Map<String, String> tags) {
        open("tagSet");
        tags.forEach((k, v) -> open("item").leaf("key", k).leaf("value", v).close("item"));
        return close("tagSet");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
