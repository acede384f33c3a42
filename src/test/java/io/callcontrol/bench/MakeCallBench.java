package io.callcontrol.bench;

final class MakeCallBench {
    private MakeCallBench() {
    }

    static Results run(BenchOptions options) {
        throw new UnsupportedOperationException("not yet");
    }
}
