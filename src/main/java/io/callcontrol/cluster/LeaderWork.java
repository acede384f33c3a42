package io.callcontrol.cluster;

/** What only the leader does; told on the leadership's thread, so each must return soon. */
public interface LeaderWork {

    /** This daemon became the leader. */
    void lead();

    /** This daemon is no longer the leader: its leader work stops before this returns. */
    void follow();

    /** Every second while this daemon leads. */
    void whileLeading();
}
