package io.callcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FacesConfigTest {

    private static Map<String, String> bothConfigured(String faces) {
        Map<String, String> values = new HashMap<>(Map.of("novofon.keys", "crm:novofon-secret-012345",
                "uis.users", "crm:uis-password-0123456", "uis.operators", "74951234567:1000"));
        if (faces != null) {
            values.put("faces", faces);
        }
        return values;
    }

    @Test
    void withoutTheKeyEveryConfiguredFaceIsOn() {
        assertThat(Config.from(Map.of()).faces().served()).containsExactly("mobileconvert");
        assertThat(Config.from(bothConfigured(null)).faces().served())
                .containsExactlyInAnyOrder("mobileconvert", "novofon", "uis");
    }

    @Test
    void aConfiguredFaceLeftOutOfTheListIsOff() {
        FacesConfig faces = Config.from(bothConfigured("mobileconvert, uis")).faces();

        assertThat(faces.serves("uis")).isTrue();
        assertThat(faces.serves("novofon")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "novofon,uis|faces: the mobileconvert API is always on",
        "mobileconvert,novofon,uis,callkeeper|faces: callkeeper is listed, but callkeeper.keys is not set",
        "mobileconvert,prostiezvonki|faces: prostiezvonki is listed, but prostiezvonki.users is not set",
        "mobileconvert,zadarma|faces: 'zadarma' is not a face"})
    void aBadListStopsTheDaemon(String faces, String message) {
        assertThatThrownBy(() -> Config.from(bothConfigured(faces))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theProstiezvonkiFaceIsOnWithItsUsersAndOffWhenLeftOut() {
        Map<String, String> values = new HashMap<>(Map.of("prostiezvonki.users", "1000:password"));
        assertThat(Config.from(values).faces().serves("prostiezvonki")).isTrue();
        values.put("faces", "mobileconvert");
        assertThat(Config.from(values).faces().serves("prostiezvonki")).isFalse();
    }

    @Test
    void aListedFaceWithoutItsCredentialsIsRefused() {
        assertThatThrownBy(() -> Config.from(Map.of("faces", "mobileconvert,novofon")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("faces: novofon is listed, but novofon.keys or novofon.users is not set");
    }
}
