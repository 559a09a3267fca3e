package org.qtune.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.qtune.io.AtomicFiles;

/**
 * Checkpoints in a directory on the local disk (an in-process run, a notebook, a test): each file
 * written to a temporary name, forced and renamed into place ({@link AtomicFiles}); the newest
 * {@code keep} kept.
 */
public final class LocalCheckpoints implements Checkpoints {
    private final Path dir;
    private final int keep;

    public LocalCheckpoints(Path dir, int keep) throws IOException {
        if (keep < 2) {
            throw new IllegalArgumentException("keep at least 2 checkpoints, so that a corrupt newest has a predecessor");
        }
        this.dir = dir;
        this.keep = keep;
        Files.createDirectories(dir);
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public List<Integer> steps() throws IOException {
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                int step = Checkpoints.stepOf(f.getFileName().toString());
                if (step >= 0) {
                    out.add(step);
                }
            });
        }
        out.sort(null);
        return out;
    }

    @Override
    public byte[] read(int step) throws IOException {
        return Files.readAllBytes(dir.resolve(Checkpoints.fileName(step)));
    }

    @Override
    public void write(int step, byte[] file) throws IOException {
        AtomicFiles.write(dir.resolve(Checkpoints.fileName(step)), file);
        List<Integer> all = steps();
        for (int i = 0; i + keep < all.size(); i++) {
            Files.deleteIfExists(dir.resolve(Checkpoints.fileName(all.get(i))));
        }
    }
}
