export { reportFromDatabase, type DatabaseReport } from './database-report';
