package org.hyla4j.core.train;

/** Opens the toy task to tests in other packages. */
public class ToyRegressionAccess extends ToyRegression {
}
