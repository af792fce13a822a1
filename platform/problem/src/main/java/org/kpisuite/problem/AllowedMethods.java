package org.kpisuite.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.quarkus.arc.Arc;

/**
 * The HTTP methods the service's resources serve at a path, for the Allow header of a 405 (the framework's 405
 * names none). Read once from the resource classes' JAX-RS annotations.
 */
final class AllowedMethods {

    /** {name} or {name: regex}, the regex perhaps holding {m,n}. */
    private static final Pattern PARAMETER =
            Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^}]*\\})+))?\\}");
    private static volatile List<Operation> operations;

    private record Operation(Pattern path, String method) {
    }

    private AllowedMethods() {
    }

    /** The methods served at the path, HEAD and OPTIONS included where GET is; empty when none is known. */
    static Set<String> at(String path) {
        Set<String> methods = new TreeSet<>();
        for (Operation operation : operations()) {
            if (operation.path().matcher(path).matches()) {
                methods.add(operation.method());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return methods;
    }

    private static List<Operation> operations() {
        List<Operation> known = operations;
        if (known == null) {
            known = new ArrayList<>();
            for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path root = bean.getBeanClass().getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method m : bean.getBeanClass().getMethods()) {
                    String method = httpMethod(m);
                    if (method != null) {
                        Path sub = m.getAnnotation(Path.class);
                        known.add(new Operation(template(root.value() + "/" + (sub == null ? "" : sub.value())),
                                method));
                    }
                }
            }
            operations = known;
        }
        return known;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "/api/v1/plans/{code}" as a pattern: each parameter its own regex or one segment. */
    private static Pattern template(String template) {
        String path = ("/" + template).replaceAll("/+", "/").replaceFirst("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(path);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start())))
                    .append('(').append(m.group(1) == null ? "[^/]+" : m.group(1)).append(')');
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
