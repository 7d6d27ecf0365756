// The student's laptop: its disk (one layer) and its facts (kernel, CPUs, RAM).
export { hostInfo, hostLayer, HOSTNAME, STUDENT } from './laptop';
export { CHATBOT_PY, REQUIREMENTS_TXT } from './chatbot';
