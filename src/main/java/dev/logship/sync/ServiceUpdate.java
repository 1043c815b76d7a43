package dev.logship.sync;

import dev.logship.model.DeploymentSpec;
import dev.logship.model.PlacementConstraint;
import java.util.List;

/**
 * The fields of one UpdateService call; null means "leave as is". Defaults are sent as
 * concrete values (deployment percents, propagateTags NONE, no constraints) so drift back
 * to them is reverted too.
 */
public record ServiceUpdate(String taskDefinitionArn, Integer desiredCount, List<PlacementConstraint> placementConstraints,
        DeploymentSpec deployment, String propagateTags) {

    public ServiceUpdate {
        placementConstraints = placementConstraints == null ? null : List.copyOf(placementConstraints);
    }
}
