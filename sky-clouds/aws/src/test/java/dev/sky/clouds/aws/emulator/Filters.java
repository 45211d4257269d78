package dev.sky.clouds.aws.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * EC2's {@code Filter.N.Name} / {@code Filter.N.Value.M}: filters AND together, the values of one filter OR; values
 * may use {@code *} and {@code ?}. An unknown filter name is an InvalidParameterValue, as EC2 answers.
 */
final class Filters {
    record Filter(String name, List<Pattern> values) {}

    private final List<Filter> filters;

    private Filters(List<Filter> filters) {
        this.filters = filters;
    }

    /** Reads the request's filters, accepting the fixed names in {@code known} plus {@code tag:K}. */
    static Filters parse(QueryParams params, Set<String> known) {
        List<Filter> out = new ArrayList<>();
        for (QueryParams f : params.structs("Filter")) {
            String name = f.required("Name");
            if (!known.contains(name) && !name.startsWith("tag:") && !name.equals("tag-key")) {
                throw Ec2Error.invalid("The filter '" + name + "' is invalid");
            }
            List<Pattern> values = f.list("Value").stream().map(Filters::glob).toList();
            if (values.isEmpty()) {
                throw Ec2Error.invalid("The filter '" + name + "' has no values");
            }
            out.add(new Filter(name, values));
        }
        return new Filters(out);
    }

    /**
     * Whether a resource passes every filter. {@code field} answers a fixed filter name with the resource's
     * values for it; tags are looked up in {@code tags}.
     */
    <T> boolean matches(T resource, Map<String, String> tags, BiFunction<T, String, List<String>> field) {
        for (Filter f : filters) {
            List<String> actual;
            if (f.name().startsWith("tag:")) {
                String v = tags.get(f.name().substring(4));
                actual = v == null ? List.of() : List.of(v);
            } else if (f.name().equals("tag-key")) {
                actual = List.copyOf(tags.keySet());
            } else {
                actual = field.apply(resource, f.name());
            }
            boolean any = actual.stream().anyMatch(a -> f.values().stream().anyMatch(p -> p.matcher(a).matches()));
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static Pattern glob(String value) {
        StringBuilder re = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
