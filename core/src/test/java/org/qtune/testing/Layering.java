package org.qtune.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checker behind the {@code LayeringTest}s of core and spark-jobs: which package of qtune may use
 * which, as the dependency table of {@code docs/ARCHITECTURE.md} says, and every arrow in the main
 * sources that the table does not allow.
 *
 * <p>The table is read from the section whose heading starts with {@value #SECTION}: a markdown table
 * with the header {@code | package | may use |} (one row per package, named without
 * {@code org.qtune.}, e.g. {@code `circuit.qasm`}; the second cell lists, in backticks, the packages
 * and libraries it may use) and one with the header {@code | library | Java packages |} (a library's
 * name and the Java package prefixes that are that library). A package may always use itself and the
 * JDK ({@code java.*}, {@code javax.*}); a sub-package is a package of its own.
 *
 * <p>An arrow is found by every {@code import} and {@code import static} line and every fully
 * qualified name in the code ({@code org.qtune.io.AtomicFiles.write(...)}, and a library's package
 * prefix followed by a name), after comments and string literals are removed: a Javadoc link or a
 * class name in a string is not an arrow.
 */
public final class Layering {
    /** The start of the heading of the table's section in docs/ARCHITECTURE.md. */
    public static final String SECTION = "## Dependency table";
    private static final String ROOT = "org.qtune";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
    private static final Pattern QTUNE_NAME = Pattern.compile("(?<![\\w.])org\\.qtune\\.((?:[a-z_][a-z0-9_]*\\.)*)[A-Z]");

    private Layering() {
    }

    /** The table: each package's allowed names, and each library's Java package prefixes. */
    public record Rules(Map<String, Set<String>> mayUse, Map<String, List<String>> libraries) {
        public Rules {
            mayUse = Collections.unmodifiableMap(new LinkedHashMap<>(mayUse));
            libraries = Collections.unmodifiableMap(new LinkedHashMap<>(libraries));
        }

        /** Whether {@code name} is a package of the table (not a library). */
        public boolean isPackage(String name) {
            return mayUse.containsKey(name);
        }
    }

    /** A source file: its path as reported, and its text. */
    public record Source(String path, String text) {
    }

    /** One use of {@code to} (a package or library name) by {@code from}, at {@code path:line}. */
    public record Arrow(String from, String to, String path, int line) {
        @Override
        public String toString() {
            return from + " -> " + to + "  (" + path + ":" + line + ")";
        }
    }

    // ------------------------------------------------------------------ the table

    /** The table of {@code docs/ARCHITECTURE.md}, found from a module directory ({@code ../docs}). */
    public static Path architectureFile(Path moduleDirectory) {
        return moduleDirectory.resolve("..").resolve("docs").resolve("ARCHITECTURE.md").normalize();
    }

    public static Rules read(Path architectureMd) throws IOException {
        return parse(Files.readString(architectureMd, StandardCharsets.UTF_8));
    }

    /**
     * Parses the two tables of the {@value #SECTION} section.
     *
     * @throws IllegalArgumentException if the section or a table is missing, or a row names a package
     *                                  or library that the tables do not define
     */
    public static Rules parse(String markdown) {
        List<String> lines = markdown.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).startsWith(SECTION)) {
                start = i + 1;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("no section '" + SECTION + "' in the architecture document");
        }
        Map<String, Set<String>> mayUse = new LinkedHashMap<>();
        Map<String, List<String>> libraries = new LinkedHashMap<>();
        Map<String, ?> current = null;
        for (int i = start; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith("|")) {
                current = null;
                continue;
            }
            String[] cells = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("\\|", -1);
            if (cells.length < 2) {
                throw new IllegalArgumentException("table row with fewer than two cells: " + line);
            }
            String head = cells[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (current == null) {
                current = head.equals("package") ? mayUse : head.equals("library") ? libraries : null;
                if (current == null) {
                    throw new IllegalArgumentException("a table in '" + SECTION + "' must start with '| package | may use |'"
                            + " or '| library | Java packages |', not: " + line);
                }
                continue;
            }
            if (cells[0].trim().startsWith("---")) {
                continue;
            }
            List<String> names = backticked(cells[0]);
            if (names.size() != 1) {
                throw new IllegalArgumentException("a row must name one package or library in backticks: " + line);
            }
            String name = names.get(0);
            if (mayUse.containsKey(name) || libraries.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' has two rows in the dependency table");
            }
            if (current == mayUse) {
                mayUse.put(name, new LinkedHashSet<>(backticked(cells[1])));
            } else {
                libraries.put(name, backticked(cells[1]));
            }
        }
        if (mayUse.isEmpty() || libraries.isEmpty()) {
            throw new IllegalArgumentException("'" + SECTION + "' needs a '| package | may use |' table and a"
                    + " '| library | Java packages |' table");
        }
        for (var e : mayUse.entrySet()) {
            for (String used : e.getValue()) {
                if (!mayUse.containsKey(used) && !libraries.containsKey(used)) {
                    throw new IllegalArgumentException("the row of '" + e.getKey() + "' names '" + used
                            + "', which is neither a package nor a library of the dependency table");
                }
            }
        }
        return new Rules(mayUse, libraries);
    }

    private static List<String> backticked(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out;
    }

    /** Every cycle among the table's packages, each as "a -> b -> ... -> a"; empty when arrows point one way. */
    public static List<String> cycles(Rules rules) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String p : rules.mayUse().keySet()) {
            visit(p, rules, state, new ArrayList<>(), out);
        }
        return out;
    }

    private static void visit(String p, Rules rules, Map<String, Integer> state, List<String> path, List<String> out) {
        Integer s = state.get(p);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(p), path.size()));
            cycle.add(p);
            out.add(String.join(" -> ", cycle));
            return;
        }
        state.put(p, 1);
        path.add(p);
        for (String q : rules.mayUse().get(p)) {
            if (rules.isPackage(q)) {
                visit(q, rules, state, path, out);
            }
        }
        path.remove(path.size() - 1);
        state.put(p, 2);
    }

    // ------------------------------------------------------------------ the sources

    /** Every {@code .java} file under {@code root}, with paths relative to {@code reportFrom}, sorted. */
    public static List<Source> sources(Path root, Path reportFrom) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Source> out = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                out.add(new Source(reportFrom.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize())
                        .toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The package a source file declares, or null (after comments are removed). */
    public static String packageOf(Source s) {
        Matcher m = PACKAGE.matcher(codeOnly(s.text()));
        return m.find() ? m.group(1) : null;
    }

    /** Every arrow out of each file's own package: imports and fully qualified names in code. */
    public static List<Arrow> arrows(Rules rules, List<Source> sources) {
        List<Arrow> out = new ArrayList<>();
        for (Source s : sources) {
            String code = codeOnly(s.text());
            String pkg = packageOf(s);
            if (pkg == null || !pkg.startsWith(ROOT + ".")) {
                continue;
            }
            String from = pkg.substring(ROOT.length() + 1);
            Matcher m = IMPORT.matcher(code);
            while (m.find()) {
                String target = target(rules, m.group(2));
                if (target != null && !target.equals(from)) {
                    out.add(new Arrow(from, target, s.path(), lineOf(code, m.start(2))));
                }
            }
            Matcher q = QTUNE_NAME.matcher(code);
            while (q.find()) {
                if (isInImportOrPackage(code, q.start())) {
                    continue;
                }
                String target = q.group(1).isEmpty() ? "" : q.group(1).substring(0, q.group(1).length() - 1);
                if (!target.equals(from)) {
                    out.add(new Arrow(from, target.isEmpty() ? ROOT : target, s.path(), lineOf(code, q.start())));
                }
            }
            for (var lib : rules.libraries().entrySet()) {
                for (String prefix : lib.getValue()) {
                    Matcher l = Pattern.compile("(?<![\\w.])" + Pattern.quote(prefix) + "\\.[A-Za-z_]").matcher(code);
                    while (l.find()) {
                        if (!isInImportOrPackage(code, l.start())) {
                            out.add(new Arrow(from, lib.getKey(), s.path(), lineOf(code, l.start())));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * What an imported name belongs to: a package of qtune (short name; a name the table does not know
     * is returned as is, for the caller to report), a library of the table, {@code "?" + name} for any
     * other non-JDK name, or null for the JDK.
     */
    private static String target(Rules rules, String imported) {
        if (imported.startsWith(ROOT + ".")) {
            StringBuilder pkg = new StringBuilder();
            for (String part : imported.substring(ROOT.length() + 1).split("\\.")) {
                if (part.equals("*") || Character.isUpperCase(part.charAt(0))) {
                    break;
                }
                pkg.append(pkg.length() > 0 ? "." : "").append(part);
            }
            return pkg.length() == 0 ? ROOT : pkg.toString();
        }
        if (imported.startsWith("java.") || imported.startsWith("javax.")) {
            return null;
        }
        String best = null;
        int bestLength = -1;
        for (var lib : rules.libraries().entrySet()) {
            for (String prefix : lib.getValue()) {
                if ((imported.equals(prefix) || imported.startsWith(prefix + ".")) && prefix.length() > bestLength) {
                    best = lib.getKey();
                    bestLength = prefix.length();
                }
            }
        }
        return best != null ? best : "?" + imported;
    }

    private static boolean isInImportOrPackage(String code, int at) {
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        String head = code.substring(lineStart, at).stripLeading();
        return head.startsWith("import ") || head.startsWith("package ");
    }

    private static int lineOf(String text, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Every problem, sorted, one line each: a file in a package the table lacks, a file whose package
     * does not match its folder, an arrow the table does not allow, a library the table does not know.
     */
    public static List<String> violations(Rules rules, List<Source> sources) {
        Set<String> out = new TreeSet<>();
        for (Source s : sources) {
            String pkg = packageOf(s);
            if (pkg == null) {
                out.add(s.path() + ": no package declaration");
                continue;
            }
            String folder = s.path().replace('\\', '/');
            folder = folder.substring(0, Math.max(0, folder.lastIndexOf('/')));
            if (!folder.endsWith(pkg.replace('.', '/'))) {
                out.add(s.path() + ": declares package " + pkg + " but lies in " + folder);
            }
            if (!pkg.startsWith(ROOT + ".")) {
                continue;
            }
            String from = pkg.substring(ROOT.length() + 1);
            if (!rules.isPackage(from)) {
                out.add("package " + from + " is not in the dependency table of docs/ARCHITECTURE.md (" + s.path()
                        + "): add it to the table, a row '| `" + from + "` | `...` |' naming what it may use");
            }
        }
        for (Arrow a : arrows(rules, sources)) {
            if (a.to().startsWith("?")) {
                out.add("unknown library: " + a.from() + " -> " + a.to().substring(1) + "  (" + a.path() + ":" + a.line()
                        + "): add the library to the '| library | Java packages |' table and to the row of "
                        + a.from() + ", or drop the import");
            } else if (!rules.isPackage(a.to()) && !rules.libraries().containsKey(a.to())) {
                out.add("unknown package: " + a + ": org.qtune." + a.to() + " is not in the dependency table; add it to"
                        + " the table");
            } else if (rules.isPackage(a.from()) && !rules.mayUse().get(a.from()).contains(a.to())) {
                out.add("not allowed: " + a + "; the table lets " + a.from() + " use only "
                        + rules.mayUse().get(a.from()));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The text with comments, string and character literals and text blocks blanked out (newlines
     * kept), so that only code remains.
     */
    public static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (c == '/' && next == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(text, i, end, out);
                i = end;
            } else if (c == '"' && text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                while (end > 0 && text.charAt(end - 1) == '\\') {
                    end = text.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end + 3;
                blank(text, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 1);
                blank(text, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(text.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
