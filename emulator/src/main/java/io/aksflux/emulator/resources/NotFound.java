package io.aksflux.emulator.resources;

import io.aksflux.emulator.http.ArmError;

/** ARM's 404 bodies, worded as ARM words them. */
public final class NotFound {
    private NotFound() {
    }

    /** {@code typeAndName} as ARM names it in the message: {@code Microsoft.ContainerService/managedClusters/aks}. */
    public static ArmError resource(String typeAndName, String resourceGroup) {
        return new ArmError(404, "ResourceNotFound", "The Resource '" + typeAndName + "' under resource group '" + resourceGroup
                + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    public static ArmError parent(String parentName) {
        return new ArmError(404, "ParentResourceNotFound", "Can not perform requested operation on nested resource. Parent resource '"
                + parentName + "' not found.");
    }

    public static ArmError resourceGroup(String resourceGroup) {
        return new ArmError(404, "ResourceGroupNotFound", "Resource group '" + resourceGroup + "' could not be found.");
    }
}
