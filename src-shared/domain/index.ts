export * from './common';
export * from './customer';
export * from './customerUser';
export * from './service';
export * from './assignment';
export * from './effective';
export * from './audit';
export * from './customField';
