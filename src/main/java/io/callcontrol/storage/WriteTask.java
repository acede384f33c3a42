package io.callcontrol.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A piece of the writer's work with its future and its deadline. */
record WriteTask<T>(StoreWriter.Work<T> work, CompletableFuture<T> done, long deadlineNanos) {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    /**
     * Whether the writer may run it now: false, with its future failed, when its deadline passed or its caller
     * abandoned it before the writer took it. Once taken, a caller's cancel fails: the outcome is the commit's.
     */
    boolean take(long now) {
        if (!(done instanceof Abandonable<T> abandonable)) {
            return true;
        }
        if (expired(now) && abandonable.expire()) {
            return false;
        }
        return abandonable.take();
    }

    /** Runs the work; its result completes the future once committed. Throws what the work threw. */
    void run(Statements s, List<Runnable> onCommit) throws SQLException {
        T result = work.run(s);
        onCommit.add(() -> done.complete(result));
    }

    /** Runs the work under a savepoint of its own: a failure undoes only this work and fails only its future. */
    void runIsolated(Statements s, List<Runnable> onCommit) throws BusyException {
        Connection c = s.connection();
        Savepoint savepoint = null;
        try {
            savepoint = c.setSavepoint();
            T result = work.run(s);
            c.releaseSavepoint(savepoint);
            onCommit.add(() -> done.complete(result));
        } catch (SQLException e) {
            if (Busy.is(e)) {
                throw new BusyException(e);
            }
            rollbackTo(c, savepoint);
            done.completeExceptionally(e);
        } catch (RuntimeException e) {
            rollbackTo(c, savepoint);
            done.completeExceptionally(e);
        }
    }

    boolean expired(long now) {
        return now - deadlineNanos > 0;
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
}
