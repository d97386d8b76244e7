package scarab.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daemons started at the same moment all find the default socket directory ready, none fails on the other's mkdir. */
class SocketDirectoryTest {
    @TempDir
    Path root;

    @Test
    void daemonsPreparingTheDirectoryAtOnceAllSucceed() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 200; round++) {
                Path socket = root.resolve("run" + round + "/scarab/default");
                CyclicBarrier start = new CyclicBarrier(racers);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        SocketDirectory.prepare(socket, false);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(); // an exception here is a racer that failed
                }
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
