package io.callcontrol.face.callkeeper;

import io.callcontrol.call.CallStatus;
import io.callcontrol.schedule.ScheduleRecord;
import java.util.List;

/**
 * A call's status in CallKeeper's pair: {@code status_code} for the manager's leg, {@code status2_code} for the
 * client's, with the descriptions of its table. Derived from the schedule's state and its latest attempt's status
 * (docs/FACES.md has the table). Pure: no I/O.
 */
record StatusPair(int manager, int client, String reason) {

    static final StatusPair IN_PROGRESS = new StatusPair(1, 0, "Звонок происходит прямо сейчас");
    static final StatusPair SCHEDULED = new StatusPair(2, 0, "Запланирован на");
    static final StatusPair SUCCESS = new StatusPair(200, 200, "Звонок прошел успешно");
    static final StatusPair CANCELLED = new StatusPair(708, 0, "Отменён менеджером");
    static final StatusPair TECHNICAL = new StatusPair(704, 0, "Технически отменено");

    /** Every pair this face answers, as {@code getCallsByStatus} names them ({@code 200/0}). */
    static final List<StatusPair> ALL = List.of(IN_PROGRESS, SCHEDULED, SUCCESS, CANCELLED, TECHNICAL,
            of(CallStatus.OPERATOR_NOANSWER), of(CallStatus.OPERATOR_BUSY), of(CallStatus.OPERATOR_OFFLINE),
            of(CallStatus.CLIENT_NOANSWER), of(CallStatus.CLIENT_BUSY), of(CallStatus.CLIENT_CANCEL));

    /** The pair of a schedule: waiting, calling, cancelled before a call, or the end of its latest attempt. */
    static StatusPair of(ScheduleRecord schedule) {
        List<ScheduleRecord.Attempt> attempts = schedule.attempts();
        ScheduleRecord.Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        return switch (schedule.state()) {
            case SCHEDULED -> SCHEDULED;
            case CALLING -> IN_PROGRESS;
            case CANCELLED -> last == null || !last.status().isTerminal() ? CANCELLED : of(last.status());
            case DONE -> last == null ? TECHNICAL : of(last.status());
        };
    }

    /** The pair of an ended call's status; a call still running is in progress. */
    static StatusPair of(CallStatus status) {
        return switch (status) {
            case FINISH -> SUCCESS;
            case OPERATOR_NOANSWER -> new StatusPair(487, 0, "Оператор не взял трубку");
            case OPERATOR_BUSY -> new StatusPair(486, 0, "Телефон оператора занят");
            case OPERATOR_OFFLINE -> new StatusPair(480, 0, "Оператор временно недоступен");
            case CLIENT_NOANSWER -> new StatusPair(200, 487, "Клиент не взял трубку");
            case CLIENT_BUSY -> new StatusPair(200, 486, "Номер клиента занят");
            case CLIENT_CANCEL -> new StatusPair(200, 1, "Оператор не дождался соединения");
            case ERROR -> TECHNICAL;
            case CALL, OPERATOR_CALLTO, OPERATOR_PICKUP, CLIENT_CALLTO, CLIENT_PICKUP -> IN_PROGRESS;
        };
    }

    /** As getCallsByStatus names it: {@code 200/486}. */
    String text() {
        return manager + "/" + client;
    }
}
