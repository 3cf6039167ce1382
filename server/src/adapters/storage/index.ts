export { InvalidKeyError, LocalDiskStorage } from './localDiskStorage.js';
export { S3Storage, type S3StorageOptions } from './s3Storage.js';
