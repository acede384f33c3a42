package io.callcontrol.http;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The string literals compiled into classes, read from their class files' constant pools. */
final class ClassStrings {

    private ClassStrings() {
    }

    /** The string literals of every class in {@code anchor}'s package (not its sub-packages). */
    static Set<String> ofPackage(Class<?> anchor) {
        Path dir;
        try {
            dir = Path.of(anchor.getResource(anchor.getSimpleName() + ".class").toURI()).getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new AssertionError(anchor + " is not loaded from a class folder", e);
        }
        Set<String> strings = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    strings.addAll(literals(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return strings;
    }

    /** The string literals of one class. */
    static Set<String> of(Class<?> type) {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return new HashSet<>(literals(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks the constant pool (JVMS 4.4): the CONSTANT_String entries name the literals' UTF-8 entries. */
    private static List<String> literals(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> stringEntries = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> stringEntries.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("constant pool tag " + tag + " is not in JVMS 4.4");
            }
        }
        return stringEntries.stream().map(index -> utf8[index]).toList();
    }
}
