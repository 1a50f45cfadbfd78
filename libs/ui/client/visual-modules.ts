// The graph and chart page modules: each is its own chunk (cytoscape, echarts), fetched only by
// the pages that show one.
import { registerModule } from './modules';

registerModule('graph', () => import('./graph/graph.module'));
registerModule('charts', () => import('./charts/charts.module'));
