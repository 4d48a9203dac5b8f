// The fast lane's store holds to the storage contract (no servers).
import { memoryStore } from '../support/memory-store';
import { storeContract } from './store-contract';

storeContract('in memory', async () => memoryStore());
