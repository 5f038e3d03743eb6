package io.aksflux.apply;

import io.aksflux.arm.ArmGateway;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.cluster.ClusterCommands;

/** AKS run command for rooms outside this one (the wait's failure details), paced and retried as apply's commands are. */
public final class RunCommands {
    private RunCommands() {
    }

    public static ClusterCommands over(ArmGateway arm, Pacing pacing, Progress progress) {
        return new AksRunCommand(new ArmWriter(arm, pacing, progress));
    }
}
