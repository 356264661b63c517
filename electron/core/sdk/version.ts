// Go release names: the shared implementation (the renderer orders releases with the same code).
export * from '../../../shared/go-version';
