package io.callcontrol.http.api;

import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;

import io.callcontrol.stats.CallStatsReader;
import io.callcontrol.stats.StatsRefusedException;
import io.callcontrol.stats.StatsRequest;
import io.callcontrol.stats.TallyStore;
import java.time.ZoneId;

/** callStats: the figures of a range's ended calls (io.callcontrol.stats), as JSON, XML or CSV. */
final class CallStatsMethod implements ApiMethod {

    private final CallStatsReader reader;
    private final ZoneId zone;

    /** {@code zone}: the daemon's, the default of {@code tz}. */
    CallStatsMethod(TallyStore store, ZoneId zone) {
        this.reader = new CallStatsReader(store);
        this.zone = zone;
    }

    @Override
    public Object call(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        String sip = p.optionalSip();
        try {
            return reader.read(StatsRequest.of(p.text("from"), p.text("to"), p.text("tz"), sip, zone));
        } catch (StatsRefusedException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, e.parameter(), e.getMessage());
        }
    }
}
