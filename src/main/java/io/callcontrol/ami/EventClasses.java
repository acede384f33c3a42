package io.callcontrol.ami;

import java.util.Set;
import org.asteriskjava.manager.event.ManagerEvent;
import org.reflections.Reflections;

/**
 * asterisk-java finds its event classes by a classpath scan, which has come back empty in repackaged jars
 * (asterisk-java #318, #381); then every event silently decodes to nothing. This runs the same scan so the
 * daemon can refuse to start instead.
 */
public final class EventClasses {

    /** Fewer than this many classes means the scan is broken (3.42 ships over 300). */
    static final int MINIMUM = 200;

    private EventClasses() {
    }

    public static int count() {
        Set<Class<? extends ManagerEvent>> classes =
                new Reflections("org.asteriskjava.manager.event").getSubTypesOf(ManagerEvent.class);
        return classes.size();
    }

    /** Throws when asterisk-java could not find its event classes; returns how many it found. */
    public static int check() {
        int count = count();
        if (count < MINIMUM) {
            throw new IllegalStateException("asterisk-java found only " + count
                    + " AMI event classes on the classpath (expected over " + MINIMUM + "): the jar is broken");
        }
        return count;
    }
}
