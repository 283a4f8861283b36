// Data source for the TypeORM CLI (migration:generate / migration:run / migration:revert).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './schema';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to use the TypeORM CLI');

export default new DataSource(dataSourceOptions(url));
