package dev.portico.gateway.autoconfigure.properties.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import org.jspecify.annotations.Nullable;

/**
 * The Javadoc of classes and fields, read from source with the JDK's own parser. Boot's generated metadata carries
 * field Javadoc only for properties it reaches without a list or map (a dozen for {@code portico.*}); route and
 * upstream properties are all behind one, so the schema reads the sources itself, the same comments.
 */
final class JavadocIndex {

    private final Map<String, String> docs = new HashMap<>();

    private JavadocIndex() {
    }

    /** Parses (does not compile) every {@code .java} file below the given source roots; missing roots are skipped. */
    static JavadocIndex read(List<Path> sourceRoots) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the schema generator needs a JDK (javac), not a JRE");
        }
        List<Path> files = new ArrayList<>();
        for (Path root : sourceRoots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
        JavadocIndex index = new JavadocIndex();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, units);
            Trees trees = Trees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
                new Scanner(trees, pkg, index.docs).scan(unit, null);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return index;
    }

    /** The cleaned-up comment of a field, or {@code null}. */
    @Nullable String field(Class<?> type, String field) {
        return this.docs.get(type.getName() + "#" + field);
    }

    /** The cleaned-up comment of a class, or {@code null}. */
    @Nullable String type(Class<?> type) {
        return this.docs.get(type.getName());
    }

    /** Records comments under binary names: {@code a.B$C} for a class, {@code a.B$C#field} for a field. */
    private static final class Scanner extends TreePathScanner<Void, Void> {

        private final Trees trees;

        private final Map<String, String> docs;

        private final Deque<String> classes = new ArrayDeque<>();

        Scanner(Trees trees, String pkg, Map<String, String> docs) {
            this.trees = trees;
            this.docs = docs;
            this.classes.push(pkg);
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            String outer = this.classes.peek();
            String name = outer.endsWith(".") || outer.isEmpty() ? outer + tree.getSimpleName()
                    : outer + "$" + tree.getSimpleName();
            put(name);
            this.classes.push(name);
            try {
                return super.visitClass(tree, unused);
            }
            finally {
                this.classes.pop();
            }
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
            if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree) { // a field, not a local
                put(this.classes.peek() + "#" + tree.getName());
            }
            return null; // no classes inside initializers worth documenting
        }

        private void put(String key) {
            String comment = this.trees.getDocComment(getCurrentPath());
            if (comment != null) {
                this.docs.put(key, clean(comment));
            }
        }
    }

    /** The description as an editor shows it: no block tags, inline tags reduced to their text, one line. */
    static String clean(String comment) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\n")) {
            if (line.trim().startsWith("@")) {
                break; // @param, @see...: not part of the description
            }
            text.append(line.trim()).append(' ');
        }
        return text.toString()
                .replaceAll("\\{@(?:code|literal) ([^}]*)}", "$1")
                .replaceAll("\\{@link(?:plain)? (?:[^}\\s]+\\s+)?([^}\\s]+)}", "$1")
                .replaceAll("</?(?:p|pre|em|strong|b|i|ul|ol|li|br|a)\\b[^>]*>", "") // not <name> in text
                .replaceAll("\\s+", " ")
                .trim();
    }
}
