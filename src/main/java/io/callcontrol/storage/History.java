package io.callcontrol.storage;

import io.callcontrol.call.CallChain;
import io.callcontrol.call.CallRecord;
import io.callcontrol.call.StatusEvent;
import io.callcontrol.operator.Operator;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.recording.Recording;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read side of the store, as the HTTP API asks it. Every method runs JDBC: never call it on an event loop.
 */
public interface History {

    /** Recordings, newest first. */
    Page<Recording> recordings(Paging paging);

    /** The calls of an order with id greater than {@code afterCallId}, oldest first, at most {@code limit}. */
    List<CallRecord> callsOfOrder(String orderId, long afterCallId, int limit);

    /**
     * The recordings of an order's calls whose ids are in ({@code afterCallId}, {@code lastCallId}], oldest first:
     * those of one page of {@link #callsOfOrder}.
     */
    List<Recording> recordingsOfCalls(String orderId, long afterCallId, long lastCallId);

    /** The status events of an order's calls with id greater than {@code afterId}, in id order, at most limit. */
    List<StatusEvent> orderHistory(String orderId, long afterId, int limit);

    Optional<CallRecord> call(long callId);

    /** One call and its status events in id order, read together: the call's status is that of its last event. */
    Optional<CallChain> callChain(long callId);

    /** Status events of all calls with id greater than {@code afterId}, in id order, at most {@code limit}. */
    List<StatusEvent> statusesAfter(long afterId, int limit);

    /**
     * Inbound calls that ended without an operator, with id greater than {@code afterId} and started in [{@code from},
     * {@code to}), oldest first, at most {@code limit}.
     */
    default List<CallRecord> missedCalls(long afterId, Instant from, Instant to, int limit) {
        throw new UnsupportedOperationException("missedCalls is read from the SQL store");
    }

    /** Operators ordered by sip; an empty {@code statuses} means all. */
    Page<Operator> operators(Set<OperatorStatus> statuses, int page, int perPage);

    /** Operator presence changes, newest first; {@code sip} null means all operators. */
    Page<OperatorEvent> operatorHistory(String sip, Paging paging);

    Optional<Recording> recording(long recordingId);

    /** Calls without a terminal status yet, oldest first: what the tracker picks up again after a restart. */
    List<CallRecord> callsInProgress();

    /** The newest {@code limit} calls, ended or not, newest first. */
    List<CallRecord> recentCalls(int limit);
}
