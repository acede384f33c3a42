package io.callcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The jar users run, not the test classpath: asterisk-java's classpath scan must still find its events. */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("callcontrol.jar", "target/callcontrol.jar"));

    @Test
    void packagedJarFindsAsteriskJavasEventClasses() throws Exception {
        Result result = run("--check");

        assertThat(result.exitCode).as(result.output).isZero();
        Matcher m = Pattern.compile("AMI event classes: (\\d+)").matcher(result.output);
        assertThat(m.find()).as(result.output).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThan(200);
    }

    @Test
    void packagedJarRefusesAnUnknownKeyNamingIt() throws Exception {
        Result result = run("--check", "ami.hots=127.0.0.1");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.output).contains("ami.hots: unknown key");
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
