package io.callcontrol.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the store. Work queued while a transaction commits is taken together into
 * the next transaction (one fsync for many statuses), each piece under its own savepoint so one failure does
 * not undo the others. A single writer also commits ids in order, so a cursor over event ids never skips one.
 */
final class StoreWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_BATCH = 2_000;

    /** A piece of work on the writer's connection, inside its transaction. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private record Task<T>(Work<T> work, CompletableFuture<T> done) {
        void runIn(Connection c, List<Runnable> onCommit) {
            Savepoint savepoint = null;
            try {
                savepoint = c.setSavepoint();
                T result = work.run(c);
                c.releaseSavepoint(savepoint);
                onCommit.add(() -> done.complete(result));
            } catch (SQLException | RuntimeException e) {
                rollbackTo(c, savepoint);
                done.completeExceptionally(e);
            }
        }
    }

    private static final Task<Void> STOP = new Task<>(c -> null, new CompletableFuture<>());

    private final Database database;
    private final BlockingQueue<Task<?>> queue;
    private final Thread thread;
    private volatile boolean closed;

    StoreWriter(Database database, int capacity) {
        this.database = database;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::loop, "store-writer");
        this.thread.start();
    }

    /** Queues work; waits while the queue is full, so a flood slows its producer instead of losing writes. */
    <T> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new StoreException("the store is closed"));
            return done;
        }
        try {
            queue.put(new Task<>(work, done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new StoreException("interrupted while queueing a write", e));
        }
        return done;
    }

    int backlog() {
        return queue.size();
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping |= batch.remove(STOP);
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
        }
    }

    private void write(List<Task<?>> batch) {
        List<Runnable> onCommit = new ArrayList<>(batch.size());
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            for (Task<?> task : batch) {
                task.runIn(c, onCommit);
            }
            c.commit();
            onCommit.forEach(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            log.error("store: a transaction of {} writes failed: {}", batch.size(), e.getMessage());
            StoreException failure = new StoreException("the store could not commit: " + e.getMessage(), e);
            batch.forEach(task -> task.done().completeExceptionally(failure));
        }
    }

    private static void rollbackTo(Connection c, Savepoint savepoint) {
        if (savepoint == null) {
            return;
        }
        try {
            c.rollback(savepoint);
        } catch (SQLException e) {
            log.warn("store: rollback to savepoint failed: {}", e.getMessage());
        }
    }

    /** Writes what is queued, then stops; bounded, idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("store: the writer did not finish in 10 s; {} writes left", queue.size());
            return;
        }
        // work queued in the instant between the closed check and the writer's exit
        List<Task<?>> late = new ArrayList<>();
        queue.drainTo(late);
        late.forEach(task -> task.done().completeExceptionally(new StoreException("the store is closed")));
    }
}
