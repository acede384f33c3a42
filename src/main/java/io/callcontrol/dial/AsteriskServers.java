package io.callcontrol.dial;

import io.callcontrol.ami.AmiLink;
import io.callcontrol.call.CallRecord;
import io.callcontrol.config.AmiServerConfig;
import io.callcontrol.config.AmiServersConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Asterisk servers' AMI links, and which one places an operator's calls ({@link AmiServersConfig#serverOf}).
 * A call belongs to the server of its operator: its Originate goes there, and only that server's events and
 * channels settle it.
 */
public final class AsteriskServers {

    private final Map<String, AmiLink> links;
    private final Function<String, Optional<String>> route;
    private final BiPredicate<String, String> places;

    private AsteriskServers(Map<String, AmiLink> links, Function<String, Optional<String>> route,
            BiPredicate<String, String> places) {
        this.links = links;
        this.route = route;
        this.places = places;
    }

    /** One link per server of the config, in its order. */
    public static AsteriskServers of(AmiServersConfig config, List<AmiLink> links) {
        Map<String, AmiLink> byName = new LinkedHashMap<>();
        links.forEach(link -> byName.put(link.name(), link));
        return new AsteriskServers(byName, sip -> config.serverOf(sip).map(AmiServerConfig::name),
                config::places);
    }

    /** One server, placing every operator's calls. */
    public static AsteriskServers single(AmiLink link) {
        return new AsteriskServers(Map.of(link.name(), link), sip -> Optional.of(link.name()), (name, sip) -> true);
    }

    /** The name of the server that places the operator's calls; empty when no server serves that operator. */
    public Optional<String> serverOf(String sip) {
        return route.apply(sip);
    }

    /** The link of the server that places the operator's calls. */
    public Optional<AmiLink> linkOf(String sip) {
        return serverOf(sip).map(links::get);
    }

    /** Whether the server {@code name} places the calls of an operator (by sip). */
    public Predicate<String> operatorsOn(String name) {
        return sip -> places.test(name, sip);
    }

    public Collection<AmiLink> links() {
        return links.values();
    }

    public boolean anyConnected() {
        return links.values().stream().anyMatch(AmiLink::connected);
    }

    public boolean allConnected() {
        return links.values().stream().allMatch(AmiLink::connected);
    }

    public boolean allReady() {
        return links.values().stream().allMatch(AmiLink::ready);
    }
}
