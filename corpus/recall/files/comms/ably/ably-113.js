import Ably from 'ably';

const ably = new Ably.Realtime('CF02KU.xZGVmG:cV34W6zCn7r5JMr14HzciNPjosmdE5OPYivuSxcPpZM');
