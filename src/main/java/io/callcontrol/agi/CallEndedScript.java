package io.callcontrol.agi;

import io.callcontrol.call.Fact;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * {@code call-ended,<channel id>,DIALSTATUS,HANGUPCAUSE,ANSWEREDTIME,MIXMONITOR_FILENAME,CC_ERROR}: the originated
 * channel's hangup handler, naming the call by that channel's id ({@code cc-<call_id>-<token>}). It runs after the
 * hangup, so it only reads its arguments and sends no command.
 */
final class CallEndedScript implements AgiScript {

    private final Consumer<Fact> facts;
    private final HookGuard guard;

    CallEndedScript(Consumer<Fact> facts, HookGuard guard) {
        this.facts = facts;
        this.guard = guard;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        HookArguments args = new HookArguments(request);
        OptionalLong call = guard.callOf(request.getScript(), args.text(0));
        if (call.isEmpty()) {
            return;
        }
        long callId = call.getAsLong();
        String dialStatus = args.text(1).matches("[A-Z]{0,20}") ? args.text(1) : "";
        long cause = args.number(2);
        String error = args.text(5).matches("[a-z-]{0,40}") ? args.text(5) : "";
        facts.accept(new Fact.CallEnded(callId, dialStatus, (int) Math.min(cause, 999), error));
    }
}
