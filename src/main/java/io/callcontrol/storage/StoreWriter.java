package io.callcontrol.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the store. Work queued while a transaction commits is taken together into
 * the next transaction (one fsync for many statuses). One failing piece does not undo the others: the batch is
 * then rolled back and run again with each piece under a savepoint of its own (a savepoint and its release are
 * two more statements per piece, a quarter of the writer's time, so they are paid only when something failed).
 * A single writer also commits ids in order, so a cursor over event ids never skips one.
 * When the store is busy or locked by someone else, the batch is tried again until it commits, so no status
 * is lost; work with a deadline (a makeCall waiting for its answer) fails instead once the deadline passed, and is
 * never run once it passed, however long it waited in the queue: its caller has told the CRM it was not written.
 * Such work can also be {@linkplain CompletableFuture#cancel abandoned} by its caller: cancel succeeds only while
 * the writer has not taken it, so a successful cancel means nothing will be written.
 * The writer keeps one connection and its prepared {@link Statements} from batch to batch, and gives both up
 * after a failure that was not the store being busy (the connection may be broken).
 */
final class StoreWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_BATCH = 2_000;
    private static final long MAX_RETRY_PAUSE_MS = 2_000;

    /**
     * A piece of work on the writer's connection, inside its transaction. It may run twice (when another piece of
     * its batch failed), so it must do nothing outside the transaction.
     */
    interface Work<T> {
        T run(Statements s) throws SQLException;
    }

    private static final WriteTask<Void> STOP =
            new WriteTask<>(c -> null, new CompletableFuture<>(), Long.MAX_VALUE);

    private final Database database;
    private final BlockingQueue<WriteTask<?>> queue;
    private final Thread thread;
    private volatile boolean closed;
    /** The last transaction's failure, cleared by the next commit: what /health reports. */
    private volatile String lastFailure;
    private final AtomicLong failures = new AtomicLong();
    /** The writer thread's connection with its statements; null until the next batch opens one. */
    private Statements statements;
    /** Told after each commit, on this thread. */
    private volatile Runnable committed = () -> { };

    StoreWriter(Database database, int capacity) {
        this.database = database;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::loop, "store-writer");
        this.thread.start();
    }

    /** Queues work that must be written however long the store stays busy (statuses, recordings). */
    <T> CompletableFuture<T> submit(Work<T> work) {
        return submit(work, Long.MAX_VALUE);
    }

    /**
     * Queues work that is abandoned (fails, nothing written) when it could not be committed within
     * {@code timeoutNanos}. Waits while the queue is full, so a flood slows its producer instead of losing writes.
     */
    <T> CompletableFuture<T> submit(Work<T> work, long timeoutNanos) {
        CompletableFuture<T> done = timeoutNanos == Long.MAX_VALUE ? new CompletableFuture<>() : new Abandonable<>();
        if (closed) {
            done.completeExceptionally(new StoreException("the store is closed"));
            return done;
        }
        long deadline = timeoutNanos == Long.MAX_VALUE ? System.nanoTime() + TimeUnit.DAYS.toNanos(3650)
                : System.nanoTime() + timeoutNanos;
        try {
            queue.put(new WriteTask<>(work, done, deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new StoreException("interrupted while queueing a write", e));
        }
        return done;
    }

    int backlog() {
        return queue.size();
    }

    /** Runs {@code listener} after each commit, on the writer thread: it must return at once and never throw. */
    void afterCommit(Runnable listener) {
        this.committed = listener;
    }

    /** Transactions that failed since the start. */
    long failures() {
        return failures.get();
    }

    /** Why the last transaction failed, or null when the last one committed. */
    String lastFailure() {
        return lastFailure;
    }

    private void loop() {
        List<WriteTask<?>> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping |= batch.removeIf(task -> task == STOP); // by identity: a record's equals compares fields
            writeUntilDone(batch);
            batch.clear();
        }
        closeStatements();
    }

    private void writeUntilDone(List<WriteTask<?>> batch) {
        long pause = 50;
        while (!batch.isEmpty()) {
            try {
                write(batch);
                return;
            } catch (BusyException e) {
                long now = System.nanoTime();
                batch.removeIf(task -> {
                    boolean expired = task.expired(now);
                    if (expired) {
                        task.done().completeExceptionally(new StoreException("the store stayed busy: " + e.getMessage()));
                    }
                    return expired;
                });
                log.warn("store: busy ({}); trying {} writes again in {} ms", e.getMessage(), batch.size(), pause);
                sleep(pause);
                pause = Math.min(pause * 2, MAX_RETRY_PAUSE_MS);
            }
        }
    }

    private void write(List<WriteTask<?>> batch) throws BusyException {
        long now = System.nanoTime();
        batch.removeIf(task -> !task.take(now));
        if (batch.isEmpty()) {
            return;
        }
        List<Runnable> onCommit = new ArrayList<>(batch.size());
        try {
            Statements s = statements();
            Connection c = s.connection();
            try {
                if (!runTogether(batch, s, onCommit)) {
                    onCommit.clear();
                    for (WriteTask<?> task : batch) {
                        task.runIsolated(s, onCommit);
                    }
                }
                c.commit();
                lastFailure = null;
            } catch (BusyException | SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
            onCommit.forEach(Runnable::run);
            committed.run();
        } catch (BusyException e) {
            throw e;
        } catch (SQLException e) {
            if (Busy.is(e)) {
                throw new BusyException(e);
            }
            closeStatements();
            fail(batch, e);
        } catch (RuntimeException e) {
            closeStatements();
            fail(batch, e);
        }
    }

    /**
     * Runs every piece of the batch without savepoints. False, with the transaction rolled back, when one
     * failed other than by the store being busy.
     */
    private static boolean runTogether(List<WriteTask<?>> batch, Statements s, List<Runnable> onCommit)
            throws BusyException, SQLException {
        try {
            for (WriteTask<?> task : batch) {
                task.run(s, onCommit);
            }
            return true;
        } catch (SQLException e) {
            if (Busy.is(e)) {
                throw new BusyException(e);
            }
            s.connection().rollback();
            return false;
        } catch (RuntimeException e) {
            s.connection().rollback();
            return false;
        }
    }

    /** The writer's connection, opened (in manual commit) when there is none. */
    private Statements statements() throws SQLException {
        if (statements == null) {
            Connection c = database.connection();
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            statements = new Statements(c);
        }
        return statements;
    }

    private void closeStatements() {
        if (statements != null) {
            statements.close();
            statements = null;
        }
    }

    private void fail(List<WriteTask<?>> batch, Exception e) {
        lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failures.incrementAndGet();
        log.error("store: a transaction of {} writes failed: {}", batch.size(), e.getMessage());
        StoreException failure = new StoreException("the store could not commit: " + e.getMessage(), e);
        batch.forEach(task -> task.done().completeExceptionally(failure));
    }

    /** SQLite rolls back by itself on some errors (SQLITE_FULL): keep the cause, not "no transaction is active". */
    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        List<WriteTask<?>> late = new ArrayList<>();
        queue.drainTo(late);
        late.forEach(task -> task.done().completeExceptionally(new StoreException("the store is closed")));
    }
}
