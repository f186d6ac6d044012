package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code -v}, {@code --mount} and {@code --tmpfs} against what the docker 28 CLI and its 20.10 daemon said
 * here for the same values (each expected message was printed by {@code docker create} on this machine).
 */
class MountSpecsTest {
    @Test
    void volumeFlagMakesBindsNamedAndAnonymousVolumesWithDockersModes() {
        MountPoint bind = MountSpecs.volume("/a/../b:/c/:ro").point();
        assertThat(bind).extracting(MountPoint::type, MountPoint::source, MountPoint::destination, MountPoint::mode,
                MountPoint::rw, MountPoint::propagation).containsExactly("bind", "/b", "/c", "ro", false, "rprivate");
        MountPoint named = MountSpecs.volume("data:/d").point();
        assertThat(named).extracting(MountPoint::type, MountPoint::name, MountPoint::mode, MountPoint::anonymous,
                MountPoint::copyData).containsExactly("volume", "data", "z", false, true);
        assertThat(MountSpecs.volume("data:/d:nocopy").point()).extracting(MountPoint::mode, MountPoint::copyData)
                .containsExactly("nocopy", false);
        MountPoint anonymous = MountSpecs.volume("/data2").point();
        assertThat(anonymous).extracting(MountPoint::type, MountPoint::name, MountPoint::mode, MountPoint::anonymous)
                .containsExactly("volume", "", "", true);
    }

    @Test
    void volumeFlagErrorsHaveDockersWords() {
        assertThatThrownBy(() -> MountSpecs.volume("/data:rw")).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid volume specification: '/data:rw'");
        assertThatThrownBy(() -> MountSpecs.volume("a:b:c:d")).hasMessage("invalid volume specification: 'a:b:c:d'");
        assertThatThrownBy(() -> MountSpecs.volume("v:/x:bad")).hasMessage("invalid mode: bad");
        assertThatThrownBy(() -> MountSpecs.volume("/tmp:/x:ro,rw")).hasMessage("invalid mode: ro,rw");
        assertThatThrownBy(() -> MountSpecs.volume("v:rel")).hasMessage("invalid volume specification: 'v:rel': "
                + "invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute");
        assertThatThrownBy(() -> MountSpecs.volume("v:/")).hasMessage("invalid volume specification: 'v:/': "
                + "invalid mount config for type \"volume\": invalid specification: destination can't be '/'");
    }

    @Test
    void mountFlagRefusalsOfTheCliHaveItsWords() {
        assertThatThrownBy(() -> MountSpecs.mountFlag("type=bind,src=/tmp,dst=/x,volume-opt=a=b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot mix 'volume-*' options with mount type 'bind'");
        assertThatThrownBy(() -> MountSpecs.mountFlag("src=v,dst=/x,readonly=maybe"))
                .hasMessage("invalid value for readonly: maybe");
        assertThatThrownBy(() -> MountSpecs.mountFlag("dst=/x,foo=bar")).hasMessage("unexpected key 'foo' in 'foo=bar'");
        assertThatThrownBy(() -> MountSpecs.mountFlag("dst=/x,foo"))
                .hasMessage("invalid field 'foo' must be a key=value pair");
        assertThatThrownBy(() -> MountSpecs.mountFlag("src=a")).hasMessage("target is required");
        assertThatThrownBy(() -> MountSpecs.mountFlag("type=tmpfs,dst=/x,tmpfs-size=abc"))
                .hasMessage("invalid value for tmpfs-size: abc");
        assertThatThrownBy(() -> MountSpecs.mountFlag("type=tmpfs,dst=/x,tmpfs-mode=abc"))
                .hasMessage("invalid value for tmpfs-mode: abc");
        assertThatThrownBy(() -> MountSpecs.mountFlag("type=bind,src=/tmp,dst=/x,tmpfs-size=1m"))
                .hasMessage("cannot mix 'tmpfs-*' options with mount type 'bind'");
        assertThatThrownBy(() -> MountSpecs.mountFlag("type=volume,dst=/x,bind-propagation=rshared"))
                .hasMessage("cannot mix 'bind-*' options with mount type 'volume'");
    }

    @Test
    void mountFlagRefusalsOfTheDaemonHaveItsWords() {
        assertThatThrownBy(() -> MountSpecs.mount("type=bind,dst=/x")).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid mount config for type \"bind\": field Source must not be empty");
        assertThatThrownBy(() -> MountSpecs.mount("type=bind,src=/nonexist-strata-test,dst=/x"))
                .hasMessage("invalid mount config for type \"bind\": bind source path does not exist: /nonexist-strata-test");
        assertThatThrownBy(() -> MountSpecs.mount("type=tmpfs,src=a,dst=/x"))
                .hasMessage("invalid mount config for type \"tmpfs\": field Source must not be specified");
        assertThatThrownBy(() -> MountSpecs.mount("type=foo,dst=/x"))
                .hasMessage("invalid mount config for type \"foo\": mount type unknown");
        assertThatThrownBy(() -> MountSpecs.mount("type=volume,dst=rel"))
                .hasMessage("invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute");
    }

    @Test
    void mountFlagMakesEachKind() {
        MountPoint volume = MountSpecs.mount("type=volume,src=v2,dst=/m2,readonly").point();
        assertThat(volume).extracting(MountPoint::name, MountPoint::mode, MountPoint::rw, MountPoint::anonymous)
                .containsExactly("v2", "z", false, false);
        assertThat(MountSpecs.mount("dst=/m").point().anonymous()).isTrue();
        MountPoint tmpfs = MountSpecs.mount("type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1770").point();
        assertThat(tmpfs.tmpfsOptions()).containsExactly("noexec", "nosuid", "nodev", "size=1048576", "mode=1770");
        assertThat(tmpfs.listed()).isTrue();
        MountPoint bind = MountSpecs.mount("type=bind,src=/tmp,dst=/h,ro,bind-propagation=rslave").point();
        assertThat(bind).extracting(MountPoint::mode, MountPoint::rw, MountPoint::propagation)
                .containsExactly("", false, "rslave");
    }

    @Test
    void tmpfsFlagLiftsDefaultsAndIsNotListed() {
        MountPoint run = MountSpecs.tmpfs("/run:exec,size=2m").point();
        assertThat(run.tmpfsOptions()).isEqualTo(List.of("nosuid", "nodev", "size=2m"));
        assertThat(run.listed()).isFalse();
    }

    @Test
    void aDestinationTwiceIsRefused() {
        CreateOptions options = CreateOptions.image("x").volume("a:/d").mount("type=tmpfs,dst=/d").build();
        assertThatThrownBy(() -> MountSpecs.requests(options)).hasMessage("Duplicate mount point: /d");
    }
}
